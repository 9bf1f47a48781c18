using Microsoft.OData;
using Microsoft.OData.Json;
using ODataLifetime = Microsoft.OData.ServiceLifetime;

namespace HousingCapacity.Api.OData;

/// <summary>
/// The services ODataMessageWriter takes from its message. The one we change: the JSON writer escapes only
/// control characters, so Danish names read as "Rødovre", not "R\u00f8dovre".
/// </summary>
internal static class ODataContainer
{
    public static readonly IServiceProvider Instance = Build();

    private static IServiceProvider Build()
    {
        var builder = new Builder();
        builder.AddDefaultODataServices();
        builder.AddService(ODataLifetime.Singleton, typeof(IJsonWriterFactory),
            _ => new DefaultJsonWriterFactory(ODataStringEscapeOption.EscapeOnlyControls));
        return builder.BuildContainer();
    }

    private sealed class Builder : IContainerBuilder
    {
        private readonly Microsoft.Extensions.DependencyInjection.ServiceCollection _services = new();

        public IContainerBuilder AddService(ODataLifetime lifetime, Type serviceType, Type implementationType)
        {
            ((IServiceCollection)_services).Add(new ServiceDescriptor(serviceType, implementationType, Map(lifetime)));
            return this;
        }

        public IContainerBuilder AddService(ODataLifetime lifetime, Type serviceType, Func<IServiceProvider, object> implementationFactory)
        {
            ((IServiceCollection)_services).Add(new ServiceDescriptor(serviceType, implementationFactory, Map(lifetime)));
            return this;
        }

        public IServiceProvider BuildContainer() => _services.BuildServiceProvider();

        private static Microsoft.Extensions.DependencyInjection.ServiceLifetime Map(ODataLifetime lifetime) => lifetime switch
        {
            ODataLifetime.Singleton => Microsoft.Extensions.DependencyInjection.ServiceLifetime.Singleton,
            ODataLifetime.Scoped => Microsoft.Extensions.DependencyInjection.ServiceLifetime.Scoped,
            _ => Microsoft.Extensions.DependencyInjection.ServiceLifetime.Transient,
        };
    }
}
