"""English word lists that the matching guards, the heading classifiers and the drafting
of taxonomies share: plain data, no imports."""

from __future__ import annotations

#: Words that may stand before a list item without ending the list ("basic R").
PROFICIENCY = frozenset("basic advanced intermediate some working fluent expert familiar".split())
#: Abbreviations whose full stop ends no sentence.
ABBREVIATIONS = frozenset("e.g i.e etc vs inc ltd dr mr ms mrs jr sr co approx no".split())

#: Verbs that open a duty ("Design ...", "Collaborating with ..."), by lemma.
VERBS = frozenset(
    """
    achieve adapt advance align analyze analyse apply architect assist automate be build
    champion coach collaborate communicate conduct configure construct contribute
    coordinate create decompose define deliver deploy design develop discover document drive
    educate enable engage enhance ensure establish evaluate execute explain explore
    facilitate focus gather generate guide handle help identify implement improve install
    integrate interpret investigate lead learn leverage liaise maintain manage mentor monitor
    optimize optimise own participate partner perform plan prepare present prioritize
    produce provide reconcile record refine report review run scale select serve ship solve
    specialize stay streamline study supervise support take test train translate
    troubleshoot tune understand update use utilize validate work write require involve
    include seek push bring process adhere meet carry join grow model
    """.split()
)
#: Vague qualifiers stripped from the start of a key phrase.
QUALIFIERS = frozenset(
    """
    able ability familiar familiarity proficient proficiency knowledge understanding
    experience experienced expertise exposure working hands-on strong solid good great
    excellent exceptional exemplary distinctive deep proven demonstrable demonstrated
    relevant basic advanced fundamental various multiple complex new existing high large
    appropriate effective latest current key overall critical specific common
    outstanding superb sound thorough broad wide typical standard minimal flawless
    timely highest clear consistent creative quick smart significant vast actual best total
    technical organizational organisational competitive cutting-edge state-of-the-art actionable
    real-world innovative varying diverse potential growing overall general additional
    equivalent practical external internal tight successful challenging fast-paced fast
    cutting edge real limited meaningful following similar recent modern right core nice
    added huge entire
    """.split()
)
#: Words that make no concept on their own, nor as the head of a two-word phrase.
GENERIC = frozenset(
    """
    ability abilities knowledge understanding experience skills skill team teams tasks task
    work things thing way ways time years year level levels environment deadlines detail
    details company companies organization organisation business clients client users
    people etc problems problem solutions solution others use cases case part range variety
    lot lots number field industry industries areas area aspects aspect needs need role
    roles job jobs position candidate candidates opportunity opportunities purpose plan
    plans degree sense practices practice techniques technique methods method tools tool
    results result insights insight goals goal approaches approach edge step steps
    objectives objective challenges challenge initiatives initiative nuances boundaries
    advancements efforts effort project projects completion technologies stack stacks plus
    advantage
    """.split()
)
#: Capitalized or short forms that are no technology.
NOT_TECH = frozenset(
    """
    i a us usa uk eu ok etc eg ie ceo cto cfo coo vp hr faq faqs covid asap tbd fyi job xyz
    inc ltd llc pvt am pm ist pst est utc ctc lpa gmt id na yrs cv resume
    bs ms ba ma bsc msc phd beng meng btech mtech
    """.split()
)
#: People: they end a key phrase ("data engineers and software developers" names no skill).
PEOPLE = frozenset(
    """
    engineer developer scientist specialist analyst professional expert architect manager
    stakeholder team member people user client customer partner colleague candidate
    """.split()
)
#: Words after which a verb, not a noun, comes ("... that require", "to deploy").
VERB_CONTEXT = frozenset(
    "to and or & , that which who will can must should may they we you also often then".split()
)
#: Words that end a key phrase besides stop words: qualifiers ("SQL experience") and
#: words that open an example list ("tools like ...").
BREAK_WORDS = frozenset(
    """
    experience knowledge understanding ability abilities familiarity proficiency expertise
    exposure including like especially
    """.split()
)
#: Stop words that can stand inside a technology's name ("back end", "full stack").
KEEP_WORDS = frozenset("back front full top side bottom".split())

#: Phrases that name a product only as the term of a comparison ("similar to Kafka"): the
#: resume's own work used something else.
COMPARISONS = (
    "similar to",
    "alternative to",
    "alternatives to",
    "comparable to",
    "akin to",
    "inspired by",
    "modeled after",
    "modelled after",
    "modeled on",
    "modelled on",
    "in the style of",
    "a la",
)
#: Technology names that are no typo of another one: the fuzzy rung leaves them alone
#: ("Cython" is not a slip for "CPython"). Lowercase.
TECHNOLOGY_NAMES = frozenset(
    """
    cython pyspark numba kotlin jenkins gradle ansible maven tomcat flutter kibana airbyte
    dataproc datadog vertica teradata mongoose theano chainer mxnet polars seaborn bokeh
    altair plotly plotnine kedro pytest pyright pydantic hbase flink looker redash
    metabase tekton terraform pulumi puppet nagios zabbix splunk graphite grafana kinesis
    sagemaker fargate bigtable spanner firestore keycloak bitbucket confluence podman
    kubeflow kubectl minikube rancher openshift istio linkerd nginx impala presto trino
    druid clickhouse cassandra scylladb memcached rabbitmq activemq zeromq celery prefect
    dagster jupyter anaconda pipenv sympy statsmodels gensim fasttext langchain llamaindex
    pinecone weaviate milvus faiss tensorrt openvino protobuf swagger postman selenium
    cypress jasmine mockito appium jmeter sonarqube pylint fastapi hibernate laravel
    symfony nestjs svelte webpack haskell erlang elixir clojure groovy matlab simulink
    labview verilog xamarin autocad solidworks abaqus tableau alteryx knime rapidminer
    dataiku databricks snowflake redshift synapse sybase informix netezza greenplum
    salesforce servicenow sharepoint powerapps pulsar samza streamsets talend pentaho
    sisense microstrategy cognos hyperion essbase kustomize jaeger zipkin prometheus
    thanos fluentd logstash opensearch lucene doxygen javadoc graphql hasura supabase
    firebase heroku netlify vercel cloudflare twilio sendgrid shopify magento wordpress
    drupal joomla documentum documentai
    """.split()
)

#: Endings of derived English words; a two-edit neighbour of a term with one is a word.
DERIVED_SUFFIXES = (
    "ive",
    "tion",
    "sion",
    "ing",
    "ed",
    "ly",
    "al",
    "ous",
    "ment",
    "ness",
    "able",
    "ible",
    "ist",
    "ism",
    "ean",
    "ian",
    "ers",
    "ity",
    "ize",
    "ise",
)

#: Job-board furniture: a key phrase holding one of these words (or lemmas) is about the
#: company, the offer or the hiring, never something a candidate knows or does.
FURNITURE = frozenset(
    """
    office offices hq headquarters travel traveller travellers hour hours salary salaries
    wage pay compensation bonus pension holiday holidays vacation leave perk perks benefit
    benefits canteen lunch snack snacks gym insurance healthcare childcare voucher vouchers
    relocation visa sponsorship sponsoring authorization authorisation applicant applicants
    hiring hire recruitment recruiter interview interviews screening employer employment
    employee employees career careers culture values mission vision leader leaders
    customers client million millions thousands hundreds world worldwide global dna
    startup start-up scale-up company companies brand brands headcount budget equity
    shares stock stocks location locations city cities country countries district
    districts europe remote home friday monday weekend weekends day days week weeks month
    months summer winter tomorrow today future passion passionate talented individuals
    ticket loan diversity inclusion inclusive family families daycare kita opportunity
    description
    """.split()
)

#: Verbs that share one object in a series ("hire, train and schedule new cashiers"): the
#: duty verbs and those of running a team. A near rule's window counts from the series'
#: last verb, so its object is as near to each verb of the series as to the last.
SERIES_VERBS = VERBS | frozenset(
    """
    assign schedule hire recruit interview onboard orient coach counsel motivate retain
    evaluate assess screen select certify supervise direct oversee tutor teach instruct
    inspire empower recognize discipline organize organise debug verify merge combine
    join aggregate standardize standardise normalize normalise transform filter clean
    cleanse deduplicate reshape impute label annotate
    """.split()
)
#: Words that join the verbs of a series.
CONJUNCTIONS = frozenset("and or".split())

#: Families of words that a near pattern names as one entry, ``"@name"``: the same class
#: of objects recurs in several rules (the people one trains, leads or hires), and a word
#: added to the family reaches every rule that names it. Singular and plural, as the
#: rules' own words are compared by lemma and as written.
WORD_FAMILIES: dict[str, frozenset[str]] = {
    # People at work inside the candidate's own organization: the staff, colleagues and
    # juniors a candidate trains, leads or hires. Never customers, patients or pupils,
    # which rules name on their own, nor outside contacts whom one deals with rather
    # than leads (agents, brokers, consultants, contractors, vendors).
    "staff": frozenset(
        """
        staff staffer staffers employee employees team teams member members personnel
        workforce crew crews worker workers colleague colleagues coworker coworkers
        teammate teammates peer peers associate associates engineer engineers developer
        developers programmer programmers analyst analysts scientist scientists
        researcher researchers technician technicians tester testers designer designers
        nurse nurses representative representatives rep reps specialist
        specialists clerk clerks teller
        tellers cashier cashiers operator operators officer officers coordinator
        coordinators supervisor supervisors manager managers leader leaders executive
        executives instructor instructors
        volunteer volunteers intern interns trainee trainees apprentice apprentices hire
        hires recruit recruits newcomer newcomers junior juniors subordinate subordinates
        """.split()
    ),
}
#: The mark that makes a near pattern's entry the name of a word family.
FAMILY_MARK = "@"
