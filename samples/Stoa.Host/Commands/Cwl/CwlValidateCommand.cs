using System.CommandLine;
using Stoa.Cwl;

namespace Stoa.Host.Commands.Cwl;

/// <summary>`stoa cwl validate FILE`: load and validate; print every located error; exit 0 when valid, 1 otherwise.</summary>
internal static class CwlValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The CWL document (optionally FILE#id)." };
        var validate = new Command("validate", "Validate a CWL document; print located errors.") { file };
        validate.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var doc = CwlDocument.Load(path);
                Console.WriteLine($"{path} is a valid CWL {doc.CwlVersion} {doc.Class}.");
                return 0;
            }
            catch (CwlValidationException ex)
            {
                foreach (var e in ex.Errors)
                {
                    Console.Error.WriteLine(e.ToString());
                }

                return 1;
            }
        });
        return validate;
    }
}
