namespace Stoa.Samp;

/// <summary>Options of <see cref="SampClient.ConnectAsync"/>.</summary>
public sealed record SampClientOptions
{
    /// <summary>The name the client declares to the hub (<c>samp.name</c>), shown by TOPCAT as the sender.</summary>
    /// <value>The default is <c>stoa</c>.</value>
    public string Name { get; init; } = "stoa";

    /// <summary>The client's description (<c>samp.description.text</c>).</summary>
    /// <value>The default describes Stoa.</value>
    public string Description { get; init; } = "Stoa worktables (reproducible batch processing for astronomy)";

    /// <summary>The HTTP client the XML-RPC calls go through; the caller keeps owning it.</summary>
    /// <value>The default is <see langword="null"/>: the client makes its own and disposes of it.</value>
    public HttpClient? Http { get; init; }
}
