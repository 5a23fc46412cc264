return EnvTool.Cli.EntryPoint.Run(args);
