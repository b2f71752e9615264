using Reperes.Web.Accounts;

namespace Reperes.Web.Tests.Accounts;

/// <summary>How codes typed by a person are read, and how the key is shown to them.</summary>
public sealed class TwoFactorFormatTests
{
    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData(null, "")]
    public void NormalizeAuthenticatorCode_SpacesAndHyphens_AreIgnored(string? typed, string expected) =>
        TwoFactor.NormalizeAuthenticatorCode(typed).ShouldBe(expected);

    [Theory]
    [InlineData("4X7KB-9MHQ2", "4X7KB-9MHQ2")]
    [InlineData("4x7kb 9mhq2", "4X7KB-9MHQ2")]
    [InlineData(" 4X7KB9MHQ2 ", "4X7KB-9MHQ2")]
    [InlineData("4X7KB", "4X7KB")]
    public void NormalizeRecoveryCode_AsTypedOrCopied_BecomesIdentitysForm(string typed, string expected) =>
        TwoFactor.NormalizeRecoveryCode(typed).ShouldBe(expected);

    [Fact]
    public void FormatKey_GroupsOfFour_EasierToCopy() =>
        TwoFactor.FormatKey("Z6VJW7UIVMBB67JOGPOBS2YWPBENQOA3").ShouldBe("Z6VJ W7UI VMBB 67JO GPOB S2YW PBEN QOA3");

    [Fact]
    public void AuthenticatorUri_KeyUriFormat_WithIssuerAndAccount() =>
        TwoFactor.AuthenticatorUri("gestion.restos@demo.reperes.example", "ABCDEFGH")
            .ShouldBe("otpauth://totp/Rep%C3%A8res:gestion.restos%40demo.reperes.example?secret=ABCDEFGH&issuer=Rep%C3%A8res&digits=6");

    [Fact]
    public void QrCodeSvg_IsInlineSvgWithoutXmlDeclaration()
    {
        var svg = TwoFactor.QrCodeSvg("otpauth://totp/Rep%C3%A8res:a%40b.example?secret=ABCDEFGH&issuer=Rep%C3%A8res&digits=6");

        svg.ShouldStartWith("<svg");
        svg.ShouldContain("viewBox");
        svg.ShouldNotContain("<script");
    }
}
