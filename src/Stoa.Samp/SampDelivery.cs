namespace Stoa.Samp;

/// <summary>What one receiver answered to a message sent with <see cref="SampClient.SendTableAsync"/>.</summary>
/// <param name="ClientId">The receiver's id at the hub (e.g. <c>cli#3</c>).</param>
/// <param name="ClientName">Its <c>samp.name</c> (e.g. <c>topcat</c>), or its id when it declared none.</param>
/// <param name="Status"><c>samp.ok</c>, <c>samp.warning</c> or <c>samp.error</c>.</param>
/// <param name="ErrorText">The receiver's <c>samp.errortxt</c>, when it sent one.</param>
public sealed record SampDelivery(string ClientId, string ClientName, string Status, string? ErrorText)
{
    /// <summary>Whether the receiver answered <c>samp.ok</c>.</summary>
    public bool IsOk => Status == "samp.ok";
}
