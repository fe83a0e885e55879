using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Stoa.Worktables.Vo;

namespace Stoa.Host.Web.Vo;

/// <summary>
/// The UWS 1.1 job list of <c>/tap/async</c>, in memory (jobs do not outlive the server): job ids are random, jobs run
/// two at a time on the thread pool, and a job is forgotten at its destruction time or when deleted.
/// </summary>
internal sealed class TapJobs(VoService vo)
{
    /// <summary>At most this many jobs are kept; creating one more is refused until some are deleted or destroyed.</summary>
    public const int MaxJobs = 1000;

    private const string Uws = "http://www.ivoa.net/xml/UWS/v1.0";
    private const string XLink = "http://www.w3.org/1999/xlink";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private readonly ConcurrentDictionary<string, TapJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _running = new(2);

    public TapJob? Create(TapParameters parameters)
    {
        Purge();
        if (_jobs.Count >= MaxJobs)
        {
            return null;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var job = new TapJob(id, parameters.All.ToDictionary(p => p.Key.ToUpperInvariant(), p => p.Value, StringComparer.OrdinalIgnoreCase), DateTime.UtcNow);
        job.Parameters.Remove("PHASE");
        _jobs[id] = job;
        if (parameters["PHASE"] is { } phase && phase.Equals("RUN", StringComparison.OrdinalIgnoreCase))
        {
            Run(job);
        }

        return job;
    }

    public TapJob? Find(string id)
    {
        Purge();
        return _jobs.TryGetValue(id, out var job) ? job : null;
    }

    public IEnumerable<TapJob> All()
    {
        Purge();
        return _jobs.Values.OrderBy(j => j.CreationTime);
    }

    public void Delete(TapJob job)
    {
        job.Abort(DateTime.UtcNow);
        _jobs.TryRemove(job.Id, out _);
    }

    /// <summary>Queues the job and runs it when one of the two slots is free.</summary>
    public void Run(TapJob job)
    {
        if (!job.Queue())
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await _running.WaitAsync().ConfigureAwait(false);
            try
            {
                if (job.Start(DateTime.UtcNow))
                {
                    var parameters = await TapParametersOf(job).ConfigureAwait(false);
                    var (body, type, error) = TapAnswers.Run(vo, parameters, null, job.Cancellation.Token);
                    job.Finish(body, type, error, DateTime.UtcNow);
                }
            }
            catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
            {
                // Aborted (PHASE=ABORT or DELETE) while executing: the query stopped where it was and its slot is free.
            }
            finally
            {
                _running.Release();
            }
        });
    }

    private static Task<TapParameters> TapParametersOf(TapJob job)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.QueryString = Microsoft.AspNetCore.Http.QueryString.Create(job.Parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        return TapParameters.ReadAsync(context.Request);
    }

    private void Purge()
    {
        var now = DateTime.UtcNow;
        foreach (var job in _jobs.Values.Where(j => j.Destruction <= now).ToList())
        {
            Delete(job);
        }
    }

    /// <summary>The UWS 1.1 job document (elements in the schema's order).</summary>
    public static string JobDocument(TapJob job, string jobUrl) => Xml(w =>
    {
        w.WriteStartElement("uws", "job", Uws);
        w.WriteAttributeString("xmlns", "xlink", null, XLink);
        w.WriteAttributeString("xmlns", "xsi", null, Xsi);
        w.WriteAttributeString("version", "1.1");
        w.WriteElementString("jobId", Uws, job.Id);
        Nil(w, "ownerId");
        w.WriteElementString("phase", Uws, Phase(job.Phase));
        Nil(w, "quote");
        w.WriteElementString("creationTime", Uws, Time(job.CreationTime));
        TimeOrNil(w, "startTime", job.StartTime);
        TimeOrNil(w, "endTime", job.EndTime);
        w.WriteElementString("executionDuration", Uws, job.ExecutionDuration.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("destruction", Uws, Time(job.Destruction));
        Parameters(w, job);
        Results(w, job, jobUrl);
        if (job.ErrorMessage is { } message)
        {
            w.WriteStartElement("errorSummary", Uws);
            w.WriteAttributeString("type", "fatal");
            w.WriteAttributeString("hasDetail", "true");
            w.WriteElementString("message", Uws, message);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    });

    public static string JobList(IEnumerable<TapJob> jobs, string listUrl) => Xml(w =>
    {
        w.WriteStartElement("uws", "jobs", Uws);
        w.WriteAttributeString("xmlns", "xlink", null, XLink);
        w.WriteAttributeString("version", "1.1");
        foreach (var job in jobs)
        {
            w.WriteStartElement("jobref", Uws);
            w.WriteAttributeString("id", job.Id);
            w.WriteAttributeString("xlink", "href", XLink, $"{listUrl}/{job.Id}");
            w.WriteElementString("phase", Uws, Phase(job.Phase));
            w.WriteElementString("creationTime", Uws, Time(job.CreationTime));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    });

    public static string ParametersDocument(TapJob job) => Xml(w => Parameters(w, job));

    public static string ResultsDocument(TapJob job, string jobUrl) => Xml(w => Results(w, job, jobUrl, root: true));

    public static string Phase(UwsPhase phase) => phase.ToString().ToUpperInvariant();

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static void Parameters(XmlWriter w, TapJob job)
    {
        w.WriteStartElement("uws", "parameters", Uws);
        foreach (var (name, value) in job.Parameters)
        {
            w.WriteStartElement("parameter", Uws);
            w.WriteAttributeString("id", name);
            w.WriteString(value);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Results(XmlWriter w, TapJob job, string jobUrl, bool root = false)
    {
        w.WriteStartElement("uws", "results", Uws);
        if (root)
        {
            w.WriteAttributeString("xmlns", "xlink", null, XLink);
        }

        if (job.Result is not null)
        {
            w.WriteStartElement("result", Uws);
            w.WriteAttributeString("id", "result");
            w.WriteAttributeString("xlink", "type", XLink, "simple");
            w.WriteAttributeString("xlink", "href", XLink, jobUrl + "/results/result");
            w.WriteAttributeString("mime-type", job.ResultType);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Nil(XmlWriter w, string element)
    {
        w.WriteStartElement(element, Uws);
        w.WriteAttributeString("xsi", "nil", Xsi, "true");
        w.WriteEndElement();
    }

    private static void TimeOrNil(XmlWriter w, string element, DateTime? utc)
    {
        if (utc is { } t)
        {
            w.WriteElementString(element, Uws, Time(t));
        }
        else
        {
            Nil(w, element);
        }
    }

    private static string Xml(Action<XmlWriter> body)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            body(w);
        }

        return sb.ToString();
    }
}
