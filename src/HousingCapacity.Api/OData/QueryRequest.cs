namespace HousingCapacity.Api.OData;

/// <summary>
/// The request whose query the OData route's services bind, in the route's scope of that request (a request of a $batch has
/// its own): the library's binders are made by the route's own container, which knows nothing of the host's request services.
/// Set by <see cref="ODataAccessFilter"/> before the action runs.
/// </summary>
public sealed class QueryRequest
{
    private IServiceProvider? _services;

    public IServiceProvider Services
    {
        get => _services ?? throw new InvalidOperationException("The query's request was not given to the OData route.");
        set => _services = value;
    }
}
