global using System.Net;
global using HousingCapacity.Api.Tests.Infrastructure;
