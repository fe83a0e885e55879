using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stoa.Fits.Tests.Support;

namespace Stoa.Fits.Tests.Headers;

public class HeaderRoundTripProperties
{
    [Property(MaxTest = 150)]
    public Property Random_Headers_Round_Trip_Through_A_File() =>
        Prop.ForAll(FitsGen.Cards.ToArbitrary(), cards =>
        {
            var image = FitsImage.CreateEmpty();
            foreach (var card in cards)
            {
                image.Header.Add(card);
            }

            using var file = FitsBytes.Open(FitsBytes.ToBytes(image));
            var read = file.Primary.Header.Where(c => !IsStructural(c.Keyword)).ToList();
            Assert.Equal(cards.Length, read.Count);
            for (int i = 0; i < cards.Length; i++)
            {
                Assert.Equal(cards[i].Keyword, read[i].Keyword);
                Assert.Equal(cards[i].Kind, read[i].Kind);
                Assert.Equal(cards[i].Value, read[i].Value);
                Assert.Equal(string.IsNullOrEmpty(cards[i].Comment) ? null : cards[i].Comment, string.IsNullOrEmpty(read[i].Comment) ? null : read[i].Comment);
            }
        });

    [Property(MaxTest = 100)]
    public Property Writing_A_Read_Header_Again_Gives_The_Same_Bytes() =>
        Prop.ForAll(FitsGen.Cards.ToArbitrary(), cards =>
        {
            var image = FitsImage.CreateEmpty();
            foreach (var card in cards)
            {
                image.Header.Add(card);
            }

            byte[] first = FitsBytes.ToBytes(image);
            using var file = FitsBytes.Open(first);
            Assert.Equal(first, FitsBytes.ToBytes(file.Primary));
        });

    private static bool IsStructural(string keyword) => keyword is "SIMPLE" or "BITPIX" or "NAXIS" or "EXTEND";
}
