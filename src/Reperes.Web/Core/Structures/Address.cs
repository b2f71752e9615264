namespace Reperes.Web.Core.Structures;

/// <summary>A postal address with its coordinates (WGS 84) and INSEE commune code.</summary>
public sealed record Address(string Street, string PostalCode, string City, string CommuneCode, double Latitude, double Longitude);
