using Intake.Core.Admin;

namespace Intake.Core.Hosting;

/// <summary>Registers the admin operations and the audit trail both hosts share.</summary>
internal static class AdminServiceCollectionExtensions
{
    /// <summary>Adds queue inventory, poison reprocessing, requeue, the report list, the audit log and the admin API.</summary>
    public static IServiceCollection AddIntakeAdmin(this IServiceCollection services)
    {
        services.AddSingleton<QueueInventory>();
        services.AddSingleton<PoisonQueue>();
        services.AddSingleton<ReportRequeue>();
        services.AddSingleton<ReportList>();
        services.AddSingleton<PlaceAliasAdmin>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditTrail>();
        return services;
    }
}
