namespace DroneDelivery.Workflow.Security;

/// <summary>Configuration section <c>DroneReports</c>: how the workflow checks a drone's report.</summary>
public sealed class DroneReportOptions
{
    public const string Section = "DroneReports";

    /// <summary>How far a report's <c>occurredAt</c> may be from the workflow's clock, either way.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a verified drone credential is accepted without asking the drone scheduler again:
    /// the bound on how long a revoked credential still works.
    /// </summary>
    public TimeSpan VerificationCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
