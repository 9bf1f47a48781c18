namespace HousingCapacity.Api.Tests.Pages;

/// <summary>The browser tests run one class at a time: each starts its own Chromium, and two at once on two cores only make both
/// slow.</summary>
[CollectionDefinition("Browser")]
public sealed class BrowserCollection;
