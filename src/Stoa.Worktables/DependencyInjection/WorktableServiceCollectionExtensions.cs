using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stoa.Worktables.DependencyInjection;

/// <summary>Registers Stoa.Worktables with a host's dependency-injection container (<see cref="IServiceCollection"/>).</summary>
public static class WorktableServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="WorktableProject"/> as a singleton, opened (created when absent) at
    /// <paramref name="projectPath"/> the first time it is resolved, and disposed with the container. The project logs
    /// to the container's <see cref="ILoggerFactory"/> when one is registered and <paramref name="options"/> names none.
    /// </summary>
    /// <param name="services">The container's services.</param>
    /// <param name="projectPath">The project file, e.g. <c>survey.stoa</c>.</param>
    /// <param name="options">The project's options from the container (e.g. its executor); <see langword="null"/> for the defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="projectPath"/> is empty.</exception>
    public static IServiceCollection AddWorktableProject(this IServiceCollection services, string projectPath, Func<IServiceProvider, WorktableProjectOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        return services.AddSingleton(provider =>
        {
            var given = options?.Invoke(provider) ?? new WorktableProjectOptions();
            var withLogging = given.LoggerFactory is null && provider.GetService<ILoggerFactory>() is { } factory ? given with { LoggerFactory = factory } : given;
            return WorktableProject.Open(projectPath, withLogging);
        });
    }
}
