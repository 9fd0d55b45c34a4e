using DroneDelivery.Platform.Clients;
using DroneDelivery.Workflow.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Workflow.Extensions;

public static class WorkflowExtensions
{
    /// <summary>
    /// The workflow's services: typed clients for the services its activities and functions call, and
    /// the drones' authentication (credentials verified by the drone scheduler, cached briefly;
    /// section <c>DroneReports</c>).
    /// </summary>
    public static IHostApplicationBuilder AddWorkflow(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDownstreamServiceClients(builder.Configuration);
        builder.Services.Configure<DroneReportOptions>(builder.Configuration.GetSection(DroneReportOptions.Section));
        builder.Services.AddSingleton<DroneVerificationCache>();
        builder.Services.AddSingleton<DroneAuthentication>();
        return builder;
    }
}
