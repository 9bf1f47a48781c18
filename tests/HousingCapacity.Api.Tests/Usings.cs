global using System.Net;
global using HousingCapacity.Api.Tests.Infrastructure;
global using Microsoft.Extensions.DependencyInjection;
