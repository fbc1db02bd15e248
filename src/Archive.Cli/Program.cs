using Archive.Cli;
using System.CommandLine;
using System.Globalization;
using System.Text;

Console.OutputEncoding = Encoding.UTF8;

// The site must not depend on who builds it: a Thai or Saudi locale would otherwise write dates in its own calendar.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Word breaks come from ICU4N, which needs the culture data a process set to invariant globalization does not have.
try
{
    _ = CultureInfo.GetCultureInfo("zh");
}
catch (CultureNotFoundException)
{
    Console.Error.WriteLine("error: archive needs culture data for Chinese word breaks, and this process runs with invariant globalization; unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT (and install libicu) and run it again.");
    return 1;
}

var root = new RootCommand("archive: builds a static, searchable archive of Chinese government reports from input/ and theme/.");
root.Subcommands.Add(BuildCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(FetchCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
return root.Parse(args).Invoke();
