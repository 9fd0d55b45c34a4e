using DroneDelivery.DevHost.Hosting;

await using var app = LocalHost.Build(args);
await app.RunAsync();
