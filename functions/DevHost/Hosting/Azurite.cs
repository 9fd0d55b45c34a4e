using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// Azurite (the Azure Storage emulator, npm package <c>azurite</c>) on three free loopback ports: the local host's
/// storage account for <c>--Durable:Backend AzureStorage</c> when <c>AzureWebJobsStorage</c> is not set. Installed on
/// first use into the repository's ignored <c>.tools/azurite</c> by <c>eng/get-azurite.sh</c> (npm). With a data
/// directory it keeps its data there (<c>--location</c>), else in memory (<c>--inMemoryPersistence</c>).
/// It runs under a small shell that stops it (SIGTERM, so it saves its metadata) as soon as this process's end of its
/// standard input closes: when the local host stops, and when it is killed, so no Azurite outlives its host and holds
/// the data directory. Its output goes to a file (<c>azurite.log</c> in its folder), not to this process: after a
/// kill, writing to a pipe nobody reads would end Azurite (EPIPE) before it has saved what it was last told.
/// </summary>
public sealed class Azurite : IDisposable
{
    /// <summary>Azurite's well-known development account (documented, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public const string Version = "3.37.0";

    private const string PidFile = "azurite.pid";
    private const string LogFile = "azurite.log";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Runs Azurite ("$0" "$@") in the background and waits on its own standard input: when that closes (our
    // process ended or disposed us), Azurite gets SIGTERM and the shell waits for it to exit.
    private const string Supervisor = "\"$0\" \"$@\" >>\"$AZURITE_LOG\" 2>&1 & child=$!; echo $$ > \"$AZURITE_PID_FILE\"; cat > /dev/null; kill -TERM $child 2>/dev/null; wait $child";

    private readonly Process _process;
    private readonly string _log;

    private Azurite(Process process, string log, int blobPort, int queuePort, int tablePort, string? location)
    {
        _process = process;
        _log = log;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        Location = location;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The folder Azurite keeps its data in; null when it keeps it in memory.</summary>
    public string? Location { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>
    /// Starts Azurite and waits until its three services accept connections.
    /// </summary>
    /// <param name="location">Data folder (created if missing), or null to keep everything in memory.</param>
    /// <param name="launcher">The <c>azurite</c> launcher; null: <see cref="FindOrInstall"/>.</param>
    public static Azurite Start(string? location, string? launcher = null)
    {
        launcher ??= FindOrInstall();
        string[] ports = [.. Enumerable.Range(0, 3).Select(_ => FreeLoopbackPort().ToString(CultureInfo.InvariantCulture))];
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", Supervisor, launcher, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", ports[0], "--queueHost", "127.0.0.1", "--queuePort", ports[1],
                     "--tableHost", "127.0.0.1", "--tablePort", ports[2]])
        {
            start.ArgumentList.Add(argument);
        }

        string pidFile;
        string log;
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
            pidFile = "/dev/null";
            log = Path.GetTempFileName();
        }
        else
        {
            location = Path.GetFullPath(location);
            Directory.CreateDirectory(location);
            pidFile = Path.Combine(location, PidFile);
            WaitForPrevious(pidFile);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
            start.WorkingDirectory = location;
            log = Path.Combine(location, LogFile);
        }

        start.Environment["AZURITE_PID_FILE"] = pidFile;
        start.Environment["AZURITE_LOG"] = log;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {launcher}.");
        var azurite = new Azurite(process, log, int.Parse(ports[0], CultureInfo.InvariantCulture), int.Parse(ports[1], CultureInfo.InvariantCulture), int.Parse(ports[2], CultureInfo.InvariantCulture), location);
        try
        {
            azurite.WaitUntilListening();
        }
        catch
        {
            azurite.Dispose();
            throw;
        }

        return azurite;
    }

    /// <summary>
    /// The launcher: <c>AZURITE_PATH</c> if set; else the repository's <c>.tools/azurite</c>, installed there by
    /// <c>eng/get-azurite.sh</c> if missing; else <c>azurite</c> on the PATH.
    /// </summary>
    public static string FindOrInstall()
    {
        var configured = Environment.GetEnvironmentVariable("AZURITE_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var root = RepositoryRoot();
        if (root is not null)
        {
            var installed = Path.Combine(root, ".tools", "azurite", "node_modules", ".bin", "azurite");
            var stamp = Path.Combine(root, ".tools", "azurite", ".version");
            if (File.Exists(installed) && File.Exists(stamp) && File.ReadAllText(stamp).Trim() == Version)
            {
                return installed;
            }

            var script = Path.Combine(root, "eng", "get-azurite.sh");
            if (File.Exists(script))
            {
                return Install(script);
            }
        }

        return "azurite";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Closing its input tells the supervising shell to stop Azurite (SIGTERM: it saves and exits).
                _process.StandardInput.Close();
                if (!_process.WaitForExit(15_000))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5_000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
        if (Location is null)
        {
            File.Delete(_log);
        }
    }

    private static string Install(string script)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var install = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var error = install.StandardError.ReadToEndAsync();
        var output = install.StandardOutput.ReadToEnd();
        install.WaitForExit();
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({install.ExitCode}): {error.Result}");
        }

        return output.Trim().Split('\n')[^1].Trim();
    }

    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "DroneDelivery.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>An Azurite left by a host that was killed stops by itself (its input closed); wait for it to let go of the folder.</summary>
    private static void WaitForPrevious(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        try
        {
            using var previous = Process.GetProcessById(pid);
            if (!previous.WaitForExit(20_000))
            {
                previous.Kill(entireProcessTree: true);
                previous.WaitForExit(5_000);
            }
        }
        catch (ArgumentException)
        {
            // gone
        }
        catch (InvalidOperationException)
        {
            // gone
        }
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!Accepts(port))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {Output()}");
                }

                if (deadline.Elapsed > StartTimeout)
                {
                    throw new TimeoutException($"Azurite did not listen on port {port} within {StartTimeout.TotalSeconds} s: {Output()}");
                }

                Thread.Sleep(100);
            }
        }
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The end of Azurite's output, for a start-up failure's message.</summary>
    private string Output()
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(_log).TakeLast(50));
        }
        catch (IOException exception)
        {
            return $"(its output in {_log} could not be read: {exception.Message})";
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
