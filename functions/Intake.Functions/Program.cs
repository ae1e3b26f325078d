using Intake.Core.Hosting;
using Intake.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiEdgeMiddleware>();
// The same log filters as the self-host (no request lines: key/{token}/ paths carry credentials),
// and Application Insights only through the scrubber (no credentials, no client addresses).
builder.Logging.AddIntakeLogFilters();
TelemetryScrubber.AddTo(builder.Services);
builder.Services.AddIntakeCore(builder.Configuration);
builder.Build().Run();
