using System.Diagnostics;
using DroneDelivery.Bench.Measurement;
using DroneDelivery.DevHost.Hosting;

namespace DroneDelivery.UnitTests.Bench;

/// <summary>A phase's CPU per operation: the host process's, and the Redis server's from <c>INFO cpu</c>.</summary>
public sealed class PhaseCpuTests
{
    [Fact]
    public async Task Measure_OnTheHost_GivesItsCpuTimePerOperation()
    {
        await using var cpu = await PhaseCpu.StartAsync(Environment.ProcessId, redis: null);

        var result = await cpu.MeasureAsync(() => Task.FromResult(Burn(TimeSpan.FromMilliseconds(200), operations: 10)));

        Assert.InRange(result.HostCpuMsPerOperation!.Value, 10, 200);
        Assert.InRange(result.BenchCpuUsPerOperation!.Value, 10_000, 200_000);
        Assert.Null(result.RedisCpuUsPerOperation);
    }

    [Fact]
    public async Task Measure_ABaselineOffTheHost_LeavesTheHostOut()
    {
        await using var cpu = await PhaseCpu.StartAsync(Environment.ProcessId, redis: null);

        var result = await cpu.MeasureAsync(() => Task.FromResult(Burn(TimeSpan.FromMilliseconds(20), operations: 10)), onHost: false);

        Assert.Null(result.HostCpuMsPerOperation);
    }

    [Fact]
    public void CpuSeconds_AddsRedisUserAndSystemTime()
    {
        const string Info = "# CPU\r\nused_cpu_sys:12.250000\r\nused_cpu_user:30.500000\r\nused_cpu_sys_children:0.000000\r\nused_cpu_user_children:0.000000\r\n";

        Assert.Equal(42.75, PhaseCpu.CpuSeconds(Info)!.Value, 6);
    }

    [Fact]
    public async Task Measure_OnAServerThatGivesNoCpuTime_LeavesRedisOut()
    {
        // Garnet answers INFO without the process's CPU times (it runs inside the local host, whose CPU counts it).
        using var garnet = EmbeddedRedis.Start();
        await using var cpu = await PhaseCpu.StartAsync(hostProcessId: null, garnet.ConnectionString);

        var result = await cpu.MeasureAsync(() => Task.FromResult(new PhaseResult("nothing", 1, 0, 1, LatencySummary.Empty)));

        Assert.Null(result.RedisCpuUsPerOperation);
    }

    [Fact]
    public void BareServerUs_IsTheBaselinesBenchCpuLessTheClientsAlone()
    {
        var phase = new PhaseResult("phase", 1, 0, 1, LatencySummary.Empty);

        Assert.Equal(30, PhaseCpu.BareServerUs(phase with { BenchCpuUsPerOperation = 50 }, phase with { BenchCpuUsPerOperation = 20 })!.Value, 6);
        Assert.Null(PhaseCpu.BareServerUs(phase with { BenchCpuUsPerOperation = 15 }, phase with { BenchCpuUsPerOperation = 20 }));
        Assert.Null(PhaseCpu.BareServerUs(phase, phase with { BenchCpuUsPerOperation = 20 }));
    }

    [Fact]
    public void RedisBound_IsOneSecondOverItsCpuPerOperation()
    {
        var phase = new PhaseResult("record PUT", 1, 0, 1, LatencySummary.Empty);

        Assert.Equal(20_000, PhaseCpu.RedisBound(phase with { RedisCpuUsPerOperation = 50 })!.Value, 6);
        Assert.Null(PhaseCpu.RedisBound(phase));
    }

    private static PhaseResult Burn(TimeSpan cpuTime, int operations)
    {
        using var process = Process.GetCurrentProcess();
        var until = process.TotalProcessorTime + cpuTime;
        var spin = 0L;
        while (true)
        {
            process.Refresh();
            if (process.TotalProcessorTime >= until)
            {
                break;
            }

            for (var i = 0; i < 100_000; i++)
            {
                spin += i;
            }
        }

        return new PhaseResult($"burned {spin}", operations, 0, 1, LatencySummary.Empty);
    }
}
