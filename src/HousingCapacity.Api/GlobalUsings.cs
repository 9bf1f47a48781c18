global using HousingCapacity.Api.Data;
global using HousingCapacity.Api.Security;
global using HousingCapacity.Domain;
global using Microsoft.AspNetCore.OData.Query;
global using Microsoft.AspNetCore.OData.Query.Expressions;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.OData.ModelBuilder;
global using NodaTime;
