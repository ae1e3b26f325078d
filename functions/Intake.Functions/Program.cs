using Intake.Core.Hosting;
using Intake.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiEdgeMiddleware>();
builder.Services.AddIntakeCore(builder.Configuration);
builder.Build().Run();
