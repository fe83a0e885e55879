namespace Stoa.Basc.Sampling;

/// <summary>
/// One member of the ensemble: a model (K sources with positions, intrinsic and apparent fluxes, linear pixel indices),
/// its log-likelihood and its own generator. Arrays have capacity MaxAtoms + 1 and are never reallocated.
/// </summary>
internal sealed class Walker
{
    public Walker(int capacity, Xoshiro256 rng)
    {
        X = new double[capacity];
        Y = new double[capacity];
        Flux = new double[capacity];
        Apparent = new double[capacity];
        Lin = new int[capacity];
        Rng = rng;
    }

    public int Count { get; set; }

    public double[] X { get; }

    public double[] Y { get; }

    /// <summary>Intrinsic flux F (Jy).</summary>
    public double[] Flux { get; }

    /// <summary>Apparent flux f = F · P(x, y), in the likelihood's units (Jy).</summary>
    public double[] Apparent { get; }

    public int[] Lin { get; }

    public double LogL { get; set; }

    public Xoshiro256 Rng { get; }

    /// <summary>Likelihood evaluations (proposals) made by this walker.</summary>
    public long Evaluations { get; set; }

    /// <summary>Accepted proposals.</summary>
    public long Accepted { get; set; }

    public ReadOnlySpan<int> ActiveLin => Lin.AsSpan(0, Count);

    public ReadOnlySpan<double> ActiveApparent => Apparent.AsSpan(0, Count);

    /// <summary>Copies the model (not the generator or the counters) from <paramref name="other"/>.</summary>
    public void CopyModelFrom(Walker other)
    {
        int k = other.Count;
        Count = k;
        other.X.AsSpan(0, k).CopyTo(X);
        other.Y.AsSpan(0, k).CopyTo(Y);
        other.Flux.AsSpan(0, k).CopyTo(Flux);
        other.Apparent.AsSpan(0, k).CopyTo(Apparent);
        other.Lin.AsSpan(0, k).CopyTo(Lin);
        LogL = other.LogL;
    }

    /// <summary>Appends a source.</summary>
    public void Add(double x, double y, double flux, double apparent, int lin)
    {
        int k = Count;
        X[k] = x;
        Y[k] = y;
        Flux[k] = flux;
        Apparent[k] = apparent;
        Lin[k] = lin;
        Count = k + 1;
    }

    /// <summary>Removes source <paramref name="j"/> by moving the last one into its place (order carries no meaning).</summary>
    public void RemoveAt(int j)
    {
        int last = Count - 1;
        X[j] = X[last];
        Y[j] = Y[last];
        Flux[j] = Flux[last];
        Apparent[j] = Apparent[last];
        Lin[j] = Lin[last];
        Count = last;
    }

    /// <summary>Replaces source <paramref name="j"/>.</summary>
    public void Set(int j, double x, double y, double flux, double apparent, int lin)
    {
        X[j] = x;
        Y[j] = y;
        Flux[j] = flux;
        Apparent[j] = apparent;
        Lin[j] = lin;
    }
}
