using HousingCapacity.Api.Data;
using System.Text;
using System.Text.Json;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// What Microsoft.AspNetCore.OData adds (issue 11): $batch with atomic change sets, $compute, $select=*, $value; and the
/// service's own parts of it: the date comparisons as plain SQL, a query filter on every entity set, JSON $metadata.
/// </summary>
public sealed class ODataLibraryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Batch_ReadsAndAnAtomicChangeSet_AllOrNothing()
    {
        var label = $"Batch {Guid.NewGuid():N}"[..20];
        // The second write of the change set breaks a rule (0 beds): neither is saved.
        var refused = """
            {"requests":[
              {"id":"1","atomicityGroup":"g","method":"POST","url":"Units","headers":{"content-type":"application/json"},
                "body":{"FacilityId":1,"Label":"LABEL a","Beds":1}},
              {"id":"2","atomicityGroup":"g","method":"POST","url":"Units","headers":{"content-type":"application/json"},
                "body":{"FacilityId":1,"Label":"LABEL b","Beds":0}},
              {"id":"3","method":"GET","url":"Municipalities(1)?$select=Name"}
            ]}
            """.Replace("LABEL", label);
        using var admin = api.Factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", ApiFixture.Token(Role.Administrator));
        var first = await admin.PostAsync("/odata/$batch", Json(refused));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var statuses = JsonDocument.Parse(firstBody).RootElement.GetProperty("responses").EnumerateArray().Select(r =>
            r.GetProperty("status").GetInt32()).ToList();
        Assert.Contains(422, statuses);
        Assert.DoesNotContain(500, statuses);
        await using (var db = api.NewDb())
            Assert.False(await db.Units.AnyAsync(u => u.Label.StartsWith(label)), firstBody);

        var accepted = refused.Replace("\"Beds\":0", "\"Beds\":2");
        var second = await admin.PostAsync("/odata/$batch", Json(accepted));
        var secondBody = await second.Content.ReadAsStringAsync();
        var responses = JsonDocument.Parse(secondBody).RootElement.GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal([200, 201, 201], responses.Select(r => r.GetProperty("status").GetInt32()).Order().ToList());
        Assert.Contains("Rødovre", secondBody);
        await using (var db = api.NewDb())
            Assert.Equal(2, await db.Units.CountAsync(u => u.Label.StartsWith(label)));
    }

    [Fact]
    public async Task Batch_Malformed_Is400WithAnODataError()
    {
        var reply = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/$batch", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(" / ", reply.ErrorMessage);
        Assert.DoesNotContain("innererror", reply.Body);
    }

    [Fact]
    public async Task Compute_AddsAComputedProperty_ThatCanBeSelectedAndFiltered()
    {
        var reply = await api.OData.GetAsync("/odata/Units?$compute=Beds mul 2 as Places&$filter=Places gt " +
            "2&$select=Id,Beds,Places&$orderby=Id&$top=5");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var rows = reply.Value.EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(r.GetProperty("Beds").GetInt32() * 2, r.GetProperty("Places").GetInt32()));
        Assert.All(rows, r => Assert.True(r.GetProperty("Places").GetInt32() > 2));
    }

    [Fact]
    public async Task SelectStar_GivesEveryPropertyButTheCprNumber()
    {
        var reply = await api.OData.GetAsync("/odata/Persons?$select=*&$top=1");
        var row = reply.Value.EnumerateArray().Single();
        Assert.True(row.TryGetProperty("FirstName", out _) && row.TryGetProperty("BirthDate", out _) && row.TryGetProperty("Version",
            out _));
        Assert.False(row.TryGetProperty("Cpr", out _));
    }

    [Fact]
    public async Task Value_OfAProperty_IsItsRawText_AndTheCprNumberIsStillRestricted()
    {
        using var response = await api.Client.GetAsync("/odata/Municipalities(1)/Name/$value");
        Assert.Equal("Rødovre", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.OData.GetAsync("/odata/Persons(1)/Cpr/$value")).Status);
    }

    [Fact]
    public async Task DateComparisons_AreColumnComparisons_AlsoInExpandAndAny()
    {
        string SqlOf(string marker) => string.Join("\n", api.Sql.Commands.Where(c => c.Contains(marker, StringComparison.Ordinal)));
        foreach (var url in new[]
                 {
                     "/odata/Placements?$filter=StartDate ge 2026-01-01&$select=Id&$top=3",
                     "/odata/Facilities(1)?$expand=Placements($filter=StartDate ge 2026-01-01;$select=Id)",
                     "/odata/Persons?$filter=Placements/any(p: p/StartDate ge 2026-01-01)&$select=Id&$top=3",
                     "/odata/CapacityReports?$filter=ReportedAt gt 2026-11-01T00:00:00Z&$select=Id&$top=3",
                 })
        {
            while (api.Sql.Commands.TryDequeue(out _)) { }
            Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync(url)).Status);
            var column = url.Contains("ReportedAt") ? "\"ReportedAt\" >" : "\"StartDate\" >=";
            var sql = SqlOf(column);
            Assert.False(sql.Length == 0, $"{url}: no comparison on the column in\n{string.Join("\n", api.Sql.Commands)}");
            Assert.DoesNotContain("strftime", sql);
            Assert.Matches(@"(""StartDate"" >= @|""ReportedAt"" > @)", sql);
        }
    }

    /// <summary>
    /// Each kind of caller has a model of its own (HousingDbContext.ModelPerCaller): in it, every entity set has a query filter
    /// but those the role sees in full, named here; the system's model has none.
    /// </summary>
    [Theory]
    [InlineData(null, new[] { "Municipalities" })]
    [InlineData(Role.HousingOfficer, new[] { "Municipalities", "Facilities", "Units", "CapacityReports", "YouthPolicies",
        "ExtraBeds" })]
    [InlineData(Role.ShelterStaff, new[] { "Municipalities", "YouthPolicies" })]
    [InlineData(Role.Committee, new[] { "Municipalities", "Facilities", "Units", "YouthPolicies", "ExtraBeds" })]
    [InlineData(Role.Administrator, new[] { "Municipalities", "Facilities", "Units", "YouthPolicies", "ExtraBeds" })]
    public void EveryEntitySet_HasAQueryFilter_ButThoseTheRoleSeesInFull(Role? role, string[] seenInFull)
    {
        var options = api.Database.Options();
        var scope = new CallerScope { Current = role is { } r ? Caller.Person("test", r, 1, 175, r == Role.ShelterStaff ? [1] : [])
            : Caller.Nobody };
        using var db = new HousingDbContext(options, scope, api.Clock, api.Shared);
        var model = api.Factory.Services.GetRequiredService<Microsoft.OData.Edm.IEdmModel>();
        foreach (var set in model.EntityContainer.EntitySets())
        {
            var clr = typeof(Entity).Assembly.GetType($"{typeof(Entity).Namespace}.{set.EntityType.Name}");
            Assert.True(clr is not null, set.Name);
            var filtered = db.Model.FindEntityType(clr!)!.GetDeclaredQueryFilters().Count > 0;
            // The nobody model sees nothing: its Municipalities filter is "false" too.
            Assert.True(filtered || seenInFull.Contains(set.Name) && role is not null,
                $"{set.Name} has no query filter for {role?.ToString() ?? "a caller without a role"}: it would see every municipality's " +
                    "rows.");
            if (role is not null) Assert.True(filtered != seenInFull.Contains(set.Name), $"{set.Name} for {role}");
        }
        using var system = api.NewDb();
        Assert.All(system.Model.GetEntityTypes(), t => Assert.Empty(t.GetDeclaredQueryFilters()));
    }

    [Fact]
    public async Task Metadata_IsCsdlJson_ForAcceptApplicationJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/$metadata");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await api.Client.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("4.0", json.GetProperty("$Version").GetString());
        Assert.True(json.TryGetProperty("HousingCapacity", out _));
    }
}

/// <summary>A failure while the answer is being produced gives an OData error, never a 200 with half a body.</summary>
public sealed class SerializationFailureTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AnAccessLogThatCannotBeWritten_KeepsThePersonDataBack()
    {
        await api.Database.ExecuteAsync(api.Database.IsPostgreSql
            ? """
              CREATE FUNCTION "TR_Test_AccessLog_Full"() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$;
              CREATE TRIGGER "TR_Test_AccessLog_Full" BEFORE INSERT ON "AccessLog" FOR EACH ROW EXECUTE FUNCTION "TR_Test_AccessLog_Full"();
              """
            : "CREATE TRIGGER TR_Test_AccessLog_Full BEFORE INSERT ON AccessLog " +
              "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
        try
        {
            using var response = await api.Client.GetAsync("/odata/Persons?$top=5");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, body + string.Join("\n", LogSink.Lines.TakeLast(5)));
            Assert.Equal("AccessLogUnavailable", JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.DoesNotContain("FirstName", body);
            // An answer without person data needs no log line and is given as ever.
            Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/odata/Facilities?$top=1")).StatusCode);
        }
        finally
        {
            await api.Database.ExecuteAsync(api.Database.IsPostgreSql
                ? """DROP TRIGGER "TR_Test_AccessLog_Full" ON "AccessLog"; DROP FUNCTION "TR_Test_AccessLog_Full"();"""
                : "DROP TRIGGER TR_Test_AccessLog_Full");
        }
    }

    [Fact]
    public async Task AnUnreadableRecord_GivesAnODataError_NotAHalfWrittenPage()
    {
        int id;
        string cipher;
        await using (var db = api.NewDb())
        {
            id = await db.Persons.Where(p => p.MunicipalityId == 1).OrderBy(p => p.Id).Select(p => p.Id).Skip(3).FirstAsync();
            cipher = await db.Database.SqlQueryRaw<string>("SELECT \"Cpr\" AS \"Value\" FROM \"Persons\" WHERE \"Id\" = {0}", id)
                .SingleAsync();
            // A CPR number that no longer decrypts (a damaged file, a wrong key): the record cannot be written out.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Persons\" SET \"Cpr\" = 'v1:AAAA' WHERE \"Id\" = {0}", id);
        }
        try
        {
            using var response = await api.Client.GetAsync("/odata/Persons?$filter=MunicipalityId eq 1&$select=Id,Cpr&$orderby=Id&$top=10");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
            Assert.Equal("InternalError", error.GetProperty("code").GetString());
            Assert.DoesNotContain("\"value\"", body);
            Assert.DoesNotContain("stack", body, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await using var db = api.NewDb();
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Persons\" SET \"Cpr\" = {0} WHERE \"Id\" = {1}", cipher, id);
        }
    }
}

/// <summary>The places that must agree with each other, and that would otherwise drift apart without a sound.</summary>
public sealed class ModelConsistencyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void EveryOperation_HasAControllerMethod_WithTheSameParameters()
    {
        var model = api.Factory.Services.GetRequiredService<IEdmModel>();
        var controllers = typeof(Api.OData.EntitySetController<>).Assembly.GetTypes().Where(t => t.Name.EndsWith("Controller",
            StringComparison.Ordinal)).ToList();
        foreach (var operation in model.SchemaElements.OfType<IEdmOperation>())
        {
            var binding = operation.Parameters.First().Type.Definition;
            var entityType = binding is IEdmCollectionType c ? c.ElementType.Definition : binding;
            var set = model.EntityContainer.EntitySets().Single(s => s.EntityType == entityType);
            var controller = controllers.SingleOrDefault(t => t.Name == set.Name + "Controller");
            Assert.True(controller is not null, $"{set.Name} has no controller");
            var method = controller!.GetMethod(operation.Name);
            Assert.True(method is not null, $"{set.Name}/{operation.Name} has no method in {controller.Name}");
            // An action's parameters are its command's (the method's [FromActionBody] parameter); a function's are the method's.
            var parameters = method!.GetParameters().Where(p => p.Name != "key")
                .SelectMany(p => p.GetCustomAttributes(typeof(Api.OData.FromActionBodyAttribute), false).Length > 0
                    ? Api.OData.ActionCommands.Of(p.ParameterType).Select(c => (c.Name, Type: c.EdmType))
                    : [(p.Name!, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)])
                .ToDictionary(p => p.Item1, p => p.Type);
            var declared = operation.Parameters.Skip(1).ToDictionary(p => p.Name, p => p.Type);
            Assert.Equal(declared.Keys.Order(), parameters.Keys.Order());
            foreach (var (name, type) in declared)
            {
                var expected = type.IsEnum() ? type.Definition.FullTypeName().Split('.')[^1]
                    : type.PrimitiveKind() switch
                    {
                        EdmPrimitiveTypeKind.Date => nameof(DateOnly),
                        EdmPrimitiveTypeKind.Int32 => nameof(Int32),
                        EdmPrimitiveTypeKind.String => nameof(String),
                        var other => other.ToString(),
                    };
                Assert.True(parameters[name].Name == expected,
                    $"{set.Name}/{operation.Name}({name}): {parameters[name].Name} in the method, {expected} in the model");
            }
        }
    }

    [Fact]
    public void EveryWritableProperty_ExistsInTheModel()
    {
        // A writer's Insertable and Updatable name properties by string: a misspelt one would silently be unwritable.
        var model = api.Factory.Services.GetRequiredService<IEdmModel>();
        var controllers = typeof(Api.OData.EntitySetController<>).Assembly.GetTypes()
            .Where(t => t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Api.OData.EntitySetController<>));
        var checkedWriters = 0;
        foreach (var controller in controllers)
        {
            var record = controller.BaseType!.GetGenericArguments()[0];
            var type = (IEdmStructuredType)model.FindDeclaredType($"HousingCapacity.{record.Name}")!;
            foreach (var parameter in controller.GetConstructors().Single().GetParameters()
                         .Where(p => typeof(Api.OData.IEntitySetWriter).IsAssignableFrom(p.ParameterType)))
            {
                var writer = (Api.OData.IEntitySetWriter)api.Factory.Services.GetRequiredService(parameter.ParameterType);
                foreach (var name in writer.Insertable.Concat(writer.Updatable))
                    Assert.True(type.FindProperty(name) is IEdmStructuralProperty,
                        $"{parameter.ParameterType.Name} names {name}, which {record.Name} does not have");
                checkedWriters++;
            }
        }
        Assert.True(checkedWriters >= 9, $"only {checkedWriters} writers found");
    }

    [Fact]
    public void EveryRecordAboutAPerson_SaysSo_ForTheAccessLog()
    {
        // A record with a person's id is about that person; the access log finds it through PersonReaches (an offer through its entry).
        foreach (var type in typeof(Entity).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Entity)) && t != typeof(Offer)))
            if (type.GetProperty("PersonId") is not null || type == typeof(Person))
                Assert.True(PersonReaches.Of(type) != PersonReach.None, $"{type.Name} has a PersonId but is declared as about nobody");
    }
}
