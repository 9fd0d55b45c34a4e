using DroneDelivery.Platform.Hosting;
using DroneDelivery.Workflow.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddServiceDefaults();
builder.AddWorkflow();
builder.Build().Run();
