using System.Text.Json.Nodes;
using Stoa.Cwl.Containers;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Expressions;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Running;

/// <summary>State of one run shared by all its jobs: JavaScript engine, directories, slots, events and records.</summary>
internal sealed class RunContext
{
    private int _jobCounter;
    private readonly Lock _lock = new();
    private readonly List<CwlJobRecord> _records = [];

    public RunContext(CwlEngineOptions options, string tempRoot, ICwlExecutionBackend backend, Ontology ontology, CwlJobLog log, Action<CwlJobEvent> publish, CancellationToken cancellation)
    {
        Options = options;
        TempRoot = tempRoot;
        Backend = backend;
        Ontology = ontology;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Publish = e =>
        {
            log.Observe(e, _cts.IsCancellationRequested);
            publish(e);
        };
        UserCancellation = cancellation;
        _containers = new Lazy<ContainerRuntime?>(() => ContainerRuntime.Find(options.ContainerEngine));
        Slots = new JobSlots(Math.Max(1, options.Parallel), Math.Max(1, options.TotalCores), options.TotalRamMebibytes);
    }

    public CwlEngineOptions Options { get; }

    /// <summary>The container engine for DockerRequirement, found on first use; null when there is none.</summary>
    public ContainerRuntime? Containers => _containers.Value;

    private readonly Lazy<ContainerRuntime?> _containers;

    public string TempRoot { get; }

    public ICwlExecutionBackend Backend { get; }

    public Ontology Ontology { get; }

    public JavaScriptEngine JavaScript { get; } = new();

    public Action<CwlJobEvent> Publish { get; }

    private readonly CancellationTokenSource _cts;

    /// <summary>Cancelled when the caller cancels or when a failure stops the run.</summary>
    public CancellationToken Cancellation => _cts.Token;

    public CancellationToken UserCancellation { get; }

    /// <summary>Stops the run: every running job is killed and no new job starts.</summary>
    public void Stop()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // run already over
        }
    }

    public JobSlots Slots { get; }

    public IReadOnlyList<CwlJobRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return _records.ToArray();
            }
        }
    }

    public string NextJobId() => "job-" + Interlocked.Increment(ref _jobCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Record(CwlJobRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
        }
    }

    public ExpressionEvaluator Evaluator(RequirementSet requirements)
    {
        var js = requirements.Find("InlineJavascriptRequirement");
        var lib = new List<string>();
        if (js?["expressionLib"] is JsonArray arr)
        {
            lib.AddRange(arr.Select(FileObjects.Str).OfType<string>());
        }

        return new ExpressionEvaluator(JavaScript, js is not null, lib);
    }

    /// <summary>Creates a fresh job directory with <c>out</c> and <c>tmp</c> inside (<c>stage</c> comes when needed).</summary>
    public string NewJobDirectory(string jobId)
    {
        var dir = Path.Combine(TempRoot, jobId);
        Directory.CreateDirectory(Path.Combine(dir, "out"));
        Directory.CreateDirectory(Path.Combine(dir, "tmp"));
        return dir;
    }
}

/// <summary>Why a job failed, carried up to the run result.</summary>
internal sealed class CwlJobFailedException : Exception
{
    public CwlJobFailedException(CwlJobStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    public CwlJobStatus Status { get; }
}

/// <summary>Bounds concurrently running jobs by count, cores and memory.</summary>
internal sealed class JobSlots
{
    private readonly int _maxJobs;
    private readonly int _cores;
    private readonly long _ram;
    private int _jobs;
    private int _usedCores;
    private long _usedRam;
    private readonly Lock _lock = new();
    private readonly List<(int Cores, long Ram, TaskCompletionSource Tcs)> _waiting = [];

    public JobSlots(int maxJobs, int cores, long ram)
    {
        _maxJobs = maxJobs;
        _cores = cores;
        _ram = ram;
    }

    public async Task<IDisposable> AcquireAsync(int cores, long ram, CancellationToken ct)
    {
        // A job bigger than the machine still runs, alone.
        cores = Math.Min(cores, _cores);
        ram = Math.Min(ram, _ram);
        TaskCompletionSource tcs;
        lock (_lock)
        {
            if (_waiting.Count == 0 && Fits(cores, ram))
            {
                Take(cores, ram);
                return new Release(this, cores, ram);
            }

            tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((cores, ram, tcs));
        }

        using (ct.Register(() => tcs.TrySetCanceled(ct)))
        {
            try
            {
                await tcs.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_lock)
                {
                    var i = _waiting.FindIndex(w => w.Tcs == tcs);
                    if (i >= 0)
                    {
                        _waiting.RemoveAt(i);
                    }
                }

                throw;
            }
        }

        return new Release(this, cores, ram);
    }

    private bool Fits(int cores, long ram) => _jobs < _maxJobs && _usedCores + cores <= _cores && _usedRam + ram <= _ram;

    private void Take(int cores, long ram)
    {
        _jobs++;
        _usedCores += cores;
        _usedRam += ram;
    }

    private void Give(int cores, long ram)
    {
        _jobs--;
        _usedCores -= cores;
        _usedRam -= ram;
        for (var i = 0; i < _waiting.Count;)
        {
            var w = _waiting[i];
            if (Fits(w.Cores, w.Ram))
            {
                _waiting.RemoveAt(i);
                if (w.Tcs.TrySetResult())
                {
                    Take(w.Cores, w.Ram);
                }

                continue;
            }

            i++;
        }
    }

    private sealed class Release(JobSlots slots, int cores, long ram) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                lock (slots._lock)
                {
                    slots.Give(cores, ram);
                }
            }
        }
    }
}
