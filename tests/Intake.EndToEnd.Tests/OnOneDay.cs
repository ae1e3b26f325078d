// Every test stays on one UTC day: see DayBoundary.
[assembly: Intake.Testing.OnOneDay]
