using DroneDelivery.Platform.Clients;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Workflow.Extensions;

public static class WorkflowExtensions
{
    /// <summary>The workflow's services: typed clients for the services its activities and functions call.</summary>
    public static IHostApplicationBuilder AddWorkflow(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDownstreamServiceClients(builder.Configuration);
        return builder;
    }
}
