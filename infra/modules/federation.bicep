// Federated identity credentials: each service identity trusts exactly one
// Kubernetes ServiceAccount token (system:serviceaccount:<namespace>:<name>)
// issued by this cluster's OIDC issuer. The KEDA identity trusts the AKS KEDA
// add-on's operator account (kube-system/keda-operator).
// Written out per service (no loop) so the compiled template can be checked
// against infra/least-privilege.json line by line.

import { names } from 'naming.bicep'

@description('OIDC issuer URL of the AKS cluster.')
param oidcIssuerUrl string

@description('Kubernetes namespace the Helm release is installed in.')
param kubernetesNamespace string

@description('ServiceAccount name per service, as the chart names them.')
param serviceAccountNames object

param prefix string
param suffix string

var n = names(prefix, suffix)
var audiences = [ 'api://AzureADTokenExchange' ]

resource ingestion 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: n.serviceIdentities.ingestion
}

resource workflow 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: n.serviceIdentities.workflow
}

resource delivery 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: n.serviceIdentities.delivery
}

resource dronescheduler 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: n.serviceIdentities.dronescheduler
}

resource package 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: n.serviceIdentities.package
}

resource keda 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: n.kedaIdentity
}

resource ingestionFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = {
  parent: ingestion
  name: 'aks-ingestion'
  properties: {
    issuer: oidcIssuerUrl
    subject: 'system:serviceaccount:${kubernetesNamespace}:${serviceAccountNames.ingestion}'
    audiences: audiences
  }
}

resource workflowFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = {
  parent: workflow
  name: 'aks-workflow'
  properties: {
    issuer: oidcIssuerUrl
    subject: 'system:serviceaccount:${kubernetesNamespace}:${serviceAccountNames.workflow}'
    audiences: audiences
  }
}

resource deliveryFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = {
  parent: delivery
  name: 'aks-delivery'
  properties: {
    issuer: oidcIssuerUrl
    subject: 'system:serviceaccount:${kubernetesNamespace}:${serviceAccountNames.delivery}'
    audiences: audiences
  }
}

resource droneschedulerFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = {
  parent: dronescheduler
  name: 'aks-dronescheduler'
  properties: {
    issuer: oidcIssuerUrl
    subject: 'system:serviceaccount:${kubernetesNamespace}:${serviceAccountNames.dronescheduler}'
    audiences: audiences
  }
}

resource packageFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = {
  parent: package
  name: 'aks-package'
  properties: {
    issuer: oidcIssuerUrl
    subject: 'system:serviceaccount:${kubernetesNamespace}:${serviceAccountNames.package}'
    audiences: audiences
  }
}

resource kedaFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = {
  parent: keda
  name: 'aks-keda-operator'
  properties: {
    issuer: oidcIssuerUrl
    subject: 'system:serviceaccount:kube-system:keda-operator'
    audiences: audiences
  }
}
