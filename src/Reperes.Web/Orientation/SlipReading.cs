using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Reading;

namespace Reperes.Web.Orientation;

/// <summary>
/// What "Écouter" reads on a slip: the note, then each place with its name, today, its hours, address and phones,
/// its notices, and the chosen services with who they are for, their cost and what to know or bring.
/// </summary>
public static class SlipReading
{
    public static ReadAloudScript Script(SlipView slip, IStringLocalizer localizer, CultureInfo culture)
    {
        var script = new ReadAloudScript(culture);
        script.SayLabelled(localizer["Note :"], slip.Note);
        foreach (var view in slip.Places)
        {
            var place = view.Place;
            script.SayFrench(place.Name).Say(place.Today);
            if (place.Hours is { Count: > 0 } hours)
            {
                script.Say(localizer["Horaires habituels :"] + " " + string.Join(" ; ", hours));
            }

            script.SayLabelled(localizer["Adresse"], place.Address);
            if (place.Phones.Count > 0)
            {
                script.Say(localizer["Téléphone"]).Say(string.Join(", ", place.Phones));
            }

            script.Say(place.Warning);
            foreach (var notice in place.Notices.Concat(place.Services.SelectMany(s => s.Notices)))
            {
                script.Say(notice.Sentence);
            }

            foreach (var service in place.Services)
            {
                script.SayFrench(service.Name)
                    .Say(localizer["Pour qui :"] + " " + service.WhoFor)
                    .Say(localizer["Coût :"] + " " + service.Cost)
                    .SayLabelled(localizer["À savoir, à apporter :"], service.Conditions);
            }
        }

        return script;
    }
}
