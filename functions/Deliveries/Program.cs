using DroneDelivery.Deliveries.Extensions;
using DroneDelivery.Platform.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddServiceDefaults();
builder.AddDeliveries();
builder.Build().Run();
