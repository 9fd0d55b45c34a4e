// One naming rule for every resource, imported by main.bicep and the modules, so
// modules can refer to each other's resources by name without runtime outputs
// (what-if then predicts every resource precisely).

@export()
@description('Resource names for an environment. prefix = <baseName>-<environmentName>; suffix = 6 unique characters.')
func names(prefix string, suffix string) object => {
  logAnalytics: 'log-${prefix}'
  appInsights: 'appi-${prefix}'
  azureMonitorWorkspace: 'amw-${prefix}'
  grafana: 'amg-${prefix}-${suffix}'
  vnet: 'vnet-${prefix}'
  natGateway: 'ng-${prefix}'
  natPublicIp: 'pip-ng-${prefix}'
  registry: toLower(replace('cr${prefix}${suffix}', '-', ''))
  serviceBus: 'sb-${prefix}-${suffix}'
  storage: toLower(replace('st${prefix}${suffix}', '-', ''))
  cosmosSql: 'cosql-${prefix}-${suffix}'
  cosmosMongo: 'comongo-${prefix}-${suffix}'
  redis: 'redis-${prefix}-${suffix}'
  appVault: 'kv-${prefix}-${suffix}'
  ingressVault: 'kvc-${prefix}-${suffix}'
  aks: 'aks-${prefix}'
  controlPlaneIdentity: 'id-${prefix}-aks'
  kedaIdentity: 'id-${prefix}-keda'
  secretsScriptIdentity: 'id-${prefix}-secrets'
  secretsScript: 'ds-${prefix}-secrets'
  scriptStorage: toLower(replace('stds${prefix}${suffix}', '-', ''))
  appGatewayIdentity: 'id-${prefix}-agw'
  appGateway: 'agw-${prefix}'
  appGatewayPublicIp: 'pip-agw-${prefix}'
  wafPolicy: 'waf-${prefix}'
  serviceIdentities: {
    ingestion: 'id-${prefix}-ingestion'
    workflow: 'id-${prefix}-workflow'
    delivery: 'id-${prefix}-delivery'
    dronescheduler: 'id-${prefix}-dronescheduler'
    package: 'id-${prefix}-package'
  }
}
