using System.Text.Json.Nodes;

namespace DroneDelivery.Infrastructure.Tests.Infrastructure;

/// <summary>
/// infra/main.bicep compiled to ARM JSON by the Bicep CLI, once per test run. The CLI comes
/// from eng/check-infra.sh --bicep-path (restored from NuGet when missing); if it cannot be
/// obtained or the build fails, the fixture throws and every test using it fails.
/// </summary>
public sealed class CompiledTemplate : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("dronedelivery-infra-").FullName;

    public CompiledTemplate()
    {
        var root = RepositoryRoot.Locate();
        var locate = ProcessRunner.Run("bash", root, Path.Combine(root, "eng", "check-infra.sh"), "--bicep-path");
        if (!locate.Succeeded)
        {
            throw new InvalidOperationException($"The Bicep CLI could not be obtained:{Environment.NewLine}{locate}");
        }

        Bicep = locate.StandardOutput.Trim();
        var output = Path.Combine(_workDirectory, "main.json");
        Build = ProcessRunner.Run(Bicep, root, "build", Path.Combine(root, "infra", "main.bicep"), "--outfile", output);
        if (!Build.Succeeded || !File.Exists(output))
        {
            throw new InvalidOperationException($"bicep build infra/main.bicep failed:{Environment.NewLine}{Build}");
        }

        Root = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        Resources = ArmTemplate.AllResources(Root).ToList();
    }

    public string Bicep { get; }

    public ProcessResult Build { get; }

    /// <summary>The compiled main template.</summary>
    public JsonObject Root { get; }

    /// <summary>Every resource of the template and its nested deployments, with the template declaring it.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    /// <summary>The Key Vault secrets the deployment creates: infra/keyvault-secrets.json's names, from the template's loaded copy.</summary>
    public IReadOnlyList<string> KeyVaultSecretNames =>
        ((JsonArray)new TemplateScope(Root, null, null).Evaluate("[variables('keyVaultSecrets').secrets]")!).Select(s => (string)s!["name"]!).ToList();

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled infra/main.bicep";
}
