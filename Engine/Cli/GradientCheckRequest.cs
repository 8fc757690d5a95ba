namespace Enzyme.Cli;

/// <summary>
/// One <c>EnzymeGradient</c> to check (<c>enzyme-ad check-gradients --gradient NAME …</c>), with the item
/// metadata that gives its points: <c>CheckPoints</c>, or <c>CheckRange</c> with <c>CheckSizes</c> and
/// <c>CheckSeed</c>; <c>Sizes</c> links pointers to their element-count parameters.
/// </summary>
public sealed record GradientCheckRequest(string Gradient)
{
    public string Points { get; set; } = "";
    public string Range { get; set; } = "";
    public string CheckSizes { get; set; } = "";
    public string Sizes { get; set; } = "";
    public int Seed { get; set; } = 1;
    public double? Tolerance { get; set; }
}
