namespace Reperes.Web.Core.Hours;

/// <summary>"Open now" or "open today", as the guide, the print, the API and HSDS filter places with one rule (<see cref="OpenStates"/>).</summary>
public enum OpenFilter
{
    Any,
    Now,
    Today,
}
