namespace HousingCapacity.Api.Security;

/// <summary>Keys for CPR numbers at rest (appsettings.json, section "Security"; base64, 32 bytes each).</summary>
public sealed class CprKeyOptions
{
    /// <summary>AES-256-GCM key that encrypts the Persons.Cpr column.</summary>
    public string? CprEncryptionKey { get; set; }
    /// <summary>HMAC-SHA256 key for Persons.CprHash, the keyed hash that finds a person by CPR number without decrypting.</summary>
    public string? CprLookupKey { get; set; }
    /// <summary>During a rotation (rotate-cpr-keys): the encryption key the data were written with, still read until it is done.</summary>
    public string? PreviousCprEncryptionKey { get; set; }
    /// <summary>During a rotation: the look-up key the data were hashed with, still matched until it is done.</summary>
    public string? PreviousCprLookupKey { get; set; }
}
