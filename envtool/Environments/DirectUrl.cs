using System.Text;
using System.Text.Json;
using EnvTool.Store.IO;

namespace EnvTool.Environments;

/// <summary>PEP 610 <c>direct_url.json</c> for a package installed from a local archive, as pip writes it.</summary>
public static class DirectUrl
{
    public static string ForLocalArchive(string absolutePath, string sha256)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, PlainJsonEncoder.WriterOptions()))
        {
            json.WriteStartObject();
            json.WriteStartObject("archive_info");
            json.WriteString("hash", "sha256=" + sha256);
            json.WriteStartObject("hashes");
            json.WriteString("sha256", sha256);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("url", new Uri(absolutePath).AbsoluteUri);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
