using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Reads the files <see cref="ImportCMakeProject"/> wrote and returns their <c>EnzymeSource</c>
/// items, so the build adds them at every build, configured or up to date, without evaluating
/// the project twice. No process is run.
/// </summary>
public sealed class ReadImportedCMakeSources : Microsoft.Build.Utilities.Task
{
    [Required]
    public ITaskItem[] ImportFiles { get; set; } = [];

    [Output]
    public ITaskItem[] Sources { get; set; } = [];

    public override bool Execute()
    {
        var sources = new List<ITaskItem>();
        foreach (ITaskItem file in ImportFiles)
        {
            sources.AddRange(ImportedSourcesFile.Read(Path.GetFullPath(file.ItemSpec)));
        }
        Sources = sources.ToArray();
        return true;
    }
}
