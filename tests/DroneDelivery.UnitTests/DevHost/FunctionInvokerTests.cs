using System.Reflection;
using DroneDelivery.DevHost.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.UnitTests.DevHost;

/// <summary>How the local host binds a function's trigger parameter.</summary>
public sealed class FunctionInvokerTests
{
    [Fact]
    public async Task TheTriggerValue_IsBound_WhenTheCatalogHoldsOtherParameterInfoObjectsForTheSameParameter()
    {
        // Two hosts discovering the same method at once can each get their own ParameterInfo objects for it.
        var method = typeof(EchoFunction).GetMethod(nameof(EchoFunction.Run))!;
        var seenThroughADerivedType = typeof(DerivedEchoFunction).GetMethod(nameof(EchoFunction.Run), BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)!.GetParameters()[0];
        Assert.NotSame(method.GetParameters()[0], seenThroughADerivedType);
        var function = new FunctionDescriptor(nameof(EchoFunction), method, TriggerKind.ServiceBus, seenThroughADerivedType, QueueName: "echo");
        using var services = new ServiceCollection().BuildServiceProvider();

        var result = await FunctionInvoker.InvokeAsync(function, new InvocationInputs(services, CancellationToken.None) { TriggerValue = "hello" });

        Assert.Equal("hello", result);
    }

    public class EchoFunction
    {
        [Function(nameof(EchoFunction))]
        public static string Run(string message) => message;
    }

    public sealed class DerivedEchoFunction : EchoFunction;
}
