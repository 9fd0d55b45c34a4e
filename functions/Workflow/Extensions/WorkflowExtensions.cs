using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using DroneDelivery.Workflow.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Workflow.Extensions;

public static class WorkflowExtensions
{
    /// <summary>
    /// The workflow's services: typed clients for the services its activities and functions call, and
    /// the drones' authentication (credentials verified by the drone scheduler, cached briefly;
    /// section <c>DroneReports</c>), and for the admins' dead-letter routes their bearer tokens and the queue's dead
    /// letters (Service Bus, unless the local host registered its in-process queue's first).
    /// </summary>
    public static IHostApplicationBuilder AddWorkflow(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.Any(service => service.ServiceType == typeof(IDeadLetters)))
        {
            builder.Services.AddServiceBusDeadLetters(builder.Configuration);
        }

        builder.Services.AddCallerAuthentication(builder.Configuration);
        builder.Services.AddDownstreamServiceClients(builder.Configuration);
        builder.Services.Configure<DroneReportOptions>(builder.Configuration.GetSection(DroneReportOptions.Section));
        builder.Services.AddSingleton<DroneVerificationCache>();
        builder.Services.AddSingleton<DroneAuthentication>();
        builder.Services.AddFunctionAuthenticator<DroneAuthenticator>();
        return builder;
    }
}
