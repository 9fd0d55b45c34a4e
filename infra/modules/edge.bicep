// The public edge (prod): Application Gateway WAF_v2 with a WAF policy (Microsoft
// Default Rule Set 2.1, OWASP CRS based, plus the bot manager set 1.0) in Prevention
// mode, in front of the managed NGINX (AKS application routing add-on), which
// runs behind an internal load balancer with a static address in snet-ingress
// (gitops/clusters/prod/ingress-controller.yaml). The gateway terminates TLS
// with the ingress certificate from the ingress vault (versionless secret id:
// it picks up a new version within hours) and re-encrypts to NGINX, which serves
// the same certificate for the same host, so the chart's Ingress objects (host,
// paths, TLS) stay as they are. HTTP on port 80 is redirected to HTTPS.

import { names } from 'naming.bicep'

param location string
param prefix string
param suffix string
param tags object

param subnetId string
param identityId string

@description('Public host name of the ingress.')
param ingressHost string

@description('Static private address of the internal NGINX load balancer.')
param backendAddress string

@description('Versionless Key Vault secret id of the TLS certificate.')
param tlsCertificateUri string

@allowed([ 'Prevention', 'Detection' ])
param wafMode string

param availabilityZones array

param minCapacity int = 2
param maxCapacity int = 10

var n = names(prefix, suffix)

resource publicIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: n.appGatewayPublicIp
  location: location
  tags: tags
  sku: { name: 'Standard' }
  zones: empty(availabilityZones) ? null : availabilityZones
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource wafPolicy 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies@2024-05-01' = {
  name: n.wafPolicy
  location: location
  tags: tags
  properties: {
    policySettings: {
      state: 'Enabled'
      mode: wafMode
      requestBodyCheck: true
      requestBodyInspectLimitInKB: 128
      maxRequestBodySizeInKb: 128
      fileUploadLimitInMb: 1
    }
    managedRules: {
      managedRuleSets: [
        { ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' }
        { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.0' }
      ]
    }
  }
}

resource gateway 'Microsoft.Network/applicationGateways@2024-05-01' = {
  name: n.appGateway
  location: location
  tags: tags
  zones: empty(availabilityZones) ? null : availabilityZones
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    sku: { name: 'WAF_v2', tier: 'WAF_v2' }
    autoscaleConfiguration: { minCapacity: minCapacity, maxCapacity: maxCapacity }
    firewallPolicy: { id: wafPolicy.id }
    enableHttp2: true
    sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S' }
    gatewayIPConfigurations: [
      { name: 'gateway', properties: { subnet: { id: subnetId } } }
    ]
    frontendIPConfigurations: [
      { name: 'public', properties: { publicIPAddress: { id: publicIp.id } } }
    ]
    frontendPorts: [
      { name: 'https', properties: { port: 443 } }
      { name: 'http', properties: { port: 80 } }
    ]
    sslCertificates: [
      { name: 'ingress', properties: { keyVaultSecretId: tlsCertificateUri } }
    ]
    backendAddressPools: [
      { name: 'nginx', properties: { backendAddresses: [ { ipAddress: backendAddress } ] } }
    ]
    probes: [
      {
        name: 'nginx'
        properties: {
          protocol: 'Https'
          host: ingressHost
          path: '/'
          interval: 15
          timeout: 10
          unhealthyThreshold: 3
          // NGINX answers unknown paths with 404: any answer means it is up.
          match: { statusCodes: [ '200-499' ] }
        }
      }
    ]
    backendHttpSettingsCollection: [
      {
        name: 'nginx-https'
        properties: {
          protocol: 'Https'
          port: 443
          hostName: ingressHost
          pickHostNameFromBackendAddress: false
          requestTimeout: 60
          cookieBasedAffinity: 'Disabled'
          probe: { id: resourceId('Microsoft.Network/applicationGateways/probes', n.appGateway, 'nginx') }
        }
      }
    ]
    httpListeners: [
      {
        name: 'https'
        properties: {
          protocol: 'Https'
          hostName: ingressHost
          requireServerNameIndication: true
          frontendIPConfiguration: { id: resourceId('Microsoft.Network/applicationGateways/frontendIPConfigurations', n.appGateway, 'public') }
          frontendPort: { id: resourceId('Microsoft.Network/applicationGateways/frontendPorts', n.appGateway, 'https') }
          sslCertificate: { id: resourceId('Microsoft.Network/applicationGateways/sslCertificates', n.appGateway, 'ingress') }
        }
      }
      {
        name: 'http'
        properties: {
          protocol: 'Http'
          hostName: ingressHost
          frontendIPConfiguration: { id: resourceId('Microsoft.Network/applicationGateways/frontendIPConfigurations', n.appGateway, 'public') }
          frontendPort: { id: resourceId('Microsoft.Network/applicationGateways/frontendPorts', n.appGateway, 'http') }
        }
      }
    ]
    redirectConfigurations: [
      {
        name: 'http-to-https'
        properties: {
          redirectType: 'Permanent'
          targetListener: { id: resourceId('Microsoft.Network/applicationGateways/httpListeners', n.appGateway, 'https') }
          includePath: true
          includeQueryString: true
        }
      }
    ]
    requestRoutingRules: [
      {
        name: 'https'
        properties: {
          ruleType: 'Basic'
          priority: 100
          httpListener: { id: resourceId('Microsoft.Network/applicationGateways/httpListeners', n.appGateway, 'https') }
          backendAddressPool: { id: resourceId('Microsoft.Network/applicationGateways/backendAddressPools', n.appGateway, 'nginx') }
          backendHttpSettings: { id: resourceId('Microsoft.Network/applicationGateways/backendHttpSettingsCollection', n.appGateway, 'nginx-https') }
        }
      }
      {
        name: 'http'
        properties: {
          ruleType: 'Basic'
          priority: 200
          httpListener: { id: resourceId('Microsoft.Network/applicationGateways/httpListeners', n.appGateway, 'http') }
          redirectConfiguration: { id: resourceId('Microsoft.Network/applicationGateways/redirectConfigurations', n.appGateway, 'http-to-https') }
        }
      }
    ]
  }
}

output name string = gateway.name
output publicIpAddress string = publicIp.properties.ipAddress
