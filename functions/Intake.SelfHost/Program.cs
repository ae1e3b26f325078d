using Intake.SelfHost;

await IntakeSelfHost.Build(args).RunAsync().ConfigureAwait(false);
