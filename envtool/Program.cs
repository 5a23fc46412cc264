EnvTool.Cli.RedirectedOutput.Install();
return EnvTool.Cli.EntryPoint.Run(args);
