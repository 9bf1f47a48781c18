using Microsoft.AspNetCore.OData.Batch;

namespace HousingCapacity.Api.OData;

/// <summary>
/// JSON and multipart <c>$batch</c> (the library's handler) with atomic change sets: the requests of one change set run in one
/// write transaction, committed only when every one of them succeeded. The sub-requests share the batch request's services,
/// so they share its database context, caller and access log.
/// </summary>
public sealed class AtomicBatchHandler : DefaultODataBatchHandler
{
    public override async Task<IList<ODataBatchResponseItem>> ExecuteRequestMessagesAsync(IEnumerable<ODataBatchRequestItem> requests,
        RequestDelegate handler)
    {
        var responses = new List<ODataBatchResponseItem>();
        foreach (var request in requests)
        {
            ODataBatchResponseItem response;
            if (request is ChangeSetRequestItem changeSet && changeSet.Contexts.FirstOrDefault() is { } first)
            {
                var db = first.RequestServices.GetRequiredService<HousingDbContext>();
                await using var transaction = await db.BeginWriteAsync(first.RequestAborted);
                response = await changeSet.SendRequestAsync(handler);
                if (Succeeded(response)) await transaction.CommitAsync(first.RequestAborted);
                else
                {
                    await transaction.RollbackAsync(first.RequestAborted);
                    db.ChangeTracker.Clear();
                }
            }
            else
            {
                response = await request.SendRequestAsync(handler);
            }
            responses.Add(response);
            // Without odata.continue-on-error, a batch stops at its first failure (OData 4.01 §11.7.7.2).
            if (!Succeeded(response)) break;
        }
        return responses;
    }

    private static bool Succeeded(ODataBatchResponseItem item) => item switch
    {
        ChangeSetResponseItem c => c.Contexts.All(x => x.Response.StatusCode < 400),
        OperationResponseItem o => o.Context.Response.StatusCode < 400,
        _ => true,
    };
}
