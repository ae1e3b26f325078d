using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;

namespace Intake.Functions.Tests;

/// <summary>
/// One HTTP invocation as the isolated worker hands it to its middleware: a
/// <see cref="FunctionContext"/> whose items carry the ASP.NET Core request (where the worker's
/// ASP.NET Core integration puts it), whose binding data holds the route values, and whose
/// invocation result the middleware and the function set. The worker ships no test double for
/// this, and its bindings feature is internal, so that one feature is a proxy of the worker's own
/// interface; everything the middleware calls is the worker's public code.
/// </summary>
internal sealed class WorkerInvocation : FunctionContext
{
    private readonly FeatureSet _features = new();

    public WorkerInvocation(string functionName, HttpContext httpContext, IServiceProvider services, IReadOnlyDictionary<string, object?>? bindingData = null)
    {
        FunctionDefinition = new Definition(functionName);
        BindingContext = new Bindings(bindingData ?? new Dictionary<string, object?>());
        InstanceServices = services;
        // The key the worker's ASP.NET Core integration stores the request under (GetHttpContext reads it).
        Items = new Dictionary<object, object> { ["HttpRequestContext"] = httpContext };
        var featureType = typeof(FunctionContext).Assembly.GetType("Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature", throwOnError: true)!;
        var proxy = DispatchProxy.Create(featureType, typeof(BindingsFeature));
        _features.Set(featureType, proxy);
    }

    /// <summary>What the invocation returns: the function's result, or the middleware's answer instead.</summary>
    public object? Result => this.GetInvocationResult().Value;

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext => null!;

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext => null!;

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; }

    public override IInvocationFeatures Features => _features;

    /// <summary>The worker's bindings feature: only the invocation result is used by HTTP middleware.</summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from it at run time: it must not be sealed.
    public class BindingsFeature : DispatchProxy
#pragma warning restore CA1852
    {
        private object? _result;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_InvocationResult" => _result,
            "set_InvocationResult" => _result = args![0],
            _ => throw new NotSupportedException($"{targetMethod?.Name} is not used by HTTP middleware."),
        };
    }

    private sealed class FeatureSet : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _items = [];

        public void Set(Type type, object value) => _items[type] = value;

        public T? Get<T>() => _items.TryGetValue(typeof(T), out var value) ? (T)value : default;

        public void Set<T>(T instance) => _items[typeof(T)] = instance!;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(ApiEdgeMiddleware).Assembly.Location;

        public override string EntryPoint => name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class Bindings(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }
}
