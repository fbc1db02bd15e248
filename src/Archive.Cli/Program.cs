using System.CommandLine;
using System.Globalization;
using System.Text;
using Archive.Cli;

Console.OutputEncoding = Encoding.UTF8;

// The site must not depend on who builds it: a Thai or Saudi locale would otherwise write dates in its own calendar.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = new RootCommand("archive: builds a static, searchable archive of Chinese government reports from input/ and theme/.");
root.Subcommands.Add(BuildCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
return root.Parse(args).Invoke();
