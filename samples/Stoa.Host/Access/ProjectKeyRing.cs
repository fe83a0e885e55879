using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Stoa.Host.Access;

/// <summary>
/// The ASP.NET Core Data Protection keys of one project (they sign and encrypt its login and anti-forgery cookies),
/// kept beside the project file in <c>&lt;project&gt;-keys/</c>: a 0700 folder of 0600 key files. Keys per project
/// mean a cookie issued by one project's server opens nothing on another's, even in the same folder or on the same
/// account; the framework's default ring (<c>~/.aspnet/DataProtection-Keys</c>, shared by every app of the user) is
/// never used.
/// </summary>
internal sealed partial class ProjectKeyRing(string folder) : IXmlRepository
{
    /// <summary>The key folder of the project at <paramref name="projectPath"/>.</summary>
    public static string PathFor(string projectPath) => Path.GetFullPath(projectPath) + "-keys";

    /// <inheritdoc/>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        SecretFile.Folder(folder);
        return [.. Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal).Select(f =>
        {
            SecretFile.Tighten(f);
            return XElement.Load(f);
        })];
    }

    /// <inheritdoc/>
    public void StoreElement(XElement element, string friendlyName)
    {
        // The key manager names keys "key-GUID"; anything else gets a fresh name rather than a path of its choosing.
        var name = SafeName().IsMatch(friendlyName) ? friendlyName : Guid.NewGuid().ToString("N");
        SecretFile.Folder(folder);
        SecretFile.WriteAllText(Path.Combine(folder, name + ".xml"), element.ToString(SaveOptions.DisableFormatting));
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,100}$")]
    private static partial Regex SafeName();
}
