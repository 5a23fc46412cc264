using System.Text;
using System.Text.Json;
using EnvTool.Store.IO;
using EnvTool.Tests.Python;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

public class PlainJsonEncoderTests
{
    private static string Write(string value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, PlainJsonEncoder.WriterOptions()))
            json.WriteStringValue(value);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("1.0+local.7", "\"1.0+local.7\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there\nnew\rline", "\"tab\\there\\nnew\\rline\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("<script>&'", "\"<script>&'\"")]
    [InlineData("café ☕ 𝄞", "\"café ☕ 𝄞\"")]
    public void EscapesWhatJsonRequiresAndNothingElse(string value, string expected)
    {
        Assert.Equal(expected, Write(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/home/ünïcode/wheels/pkg-1.0-py3-none-any.whl")]
    [InlineData("\"\\\b\f\n\r\t\u0000\u007f\u2028 mixed \u00e9\ud83d\ude00")]
    public void WhatItWritesReadsBackAsTheSameString(string value)
    {
        Assert.Equal(value, JsonDocument.Parse(Write(value)).RootElement.GetString());
    }

    [SkippableFact]
    public void PythonsJsonModuleReadsItBack()
    {
        var python = TestPythons.RequireDefault();
        const string value = "q\"b\\s\tc\u0001 é 𝄞 +";
        var output = PythonFacts.Run(python, ["-c",
            "import json,sys; v=json.loads(sys.argv[1]); sys.stdout.buffer.write(v.encode('utf-8'))", Write(value)]);
        Assert.Equal(value, output);
    }
}
