"""Names of widely used software tools, languages, frameworks, databases and platforms,
as they are usually written: data, like the taxonomy's aliases, for the names a posting
writes in lower case ("gradle", "webpack"), at a line's start ("Webpack and Babel") or
that are also English words ("React", "Storm", "Volley"). A name that is one English word
counts only in the case written here (see :class:`kwmatch.draft.tools.EvidenceNames`)."""

from __future__ import annotations

#: One name a line; several on a line are separated by " | ".
_NAMES = """
Java | Kotlin | Scala | Groovy | Clojure | JavaScript | TypeScript | CoffeeScript | Dart
Python | Ruby | Perl | PHP | Rust | Haskell | Erlang | Elixir | OCaml | Fortran | COBOL
Objective-C | Objective C | Swift | SwiftUI | Lua | Julia | MATLAB | Bash | PowerShell
Visual Basic | VBA | Solidity | Assembly | Delphi | Pascal | Prolog | Lisp | F#
HTML | HTML5 | CSS | CSS3 | Sass | SASS | SCSS | JSON | YAML | XML | GraphQL
gRPC | Protobuf | Thrift | Avro | Parquet | OpenAPI | Swagger | WebSockets | WebRTC
Node.js | Deno | Express.js | NestJS | Next.js | Nuxt | Nuxt.js | Gatsby
React | React Native | Redux | Redux-Saga | MobX | Vue | Vue.js | Vuex | Pinia | Angular
AngularJS | Svelte | Ember | Ember.js | Backbone.js | jQuery | Bootstrap | Tailwind
Tailwind CSS | Material UI | Storybook | Webpack | webpack | Vite | Rollup | Parcel
Babel | ESLint | Prettier | npm | Yarn | pnpm | Gulp | Grunt | Snowpack | Lerna | Nx
Jest | Mocha | Chai | Jasmine | Karma | Cypress | Playwright | Puppeteer | Selenium
TestCafe | Cucumber | JUnit | TestNG | Mockito | pytest | unittest | RSpec | PHPUnit
Spring | Spring Boot | Spring Cloud | Hibernate | Maven | Gradle | gradle | Quarkus
Micronaut | Vert.x | Akka | Play Framework | Lombok | Tomcat | Jetty | WildFly | JBoss
Django | Flask | FastAPI | Celery | SQLAlchemy | Pydantic | NumPy | Pandas | pandas
SciPy | scikit-learn | Scikit-Learn | statsmodels | Matplotlib | Seaborn | Plotly | Jupyter
TensorFlow | PyTorch | Keras | XGBoost | LightGBM | CatBoost | MLflow | Kubeflow | ONNX
Ruby on Rails | Rails | Sinatra | Laravel | Symfony | Symfony2 | Doctrine | CodeIgniter
Zend | Yii | Drupal | WordPress | Magento | Shopify | Joomla | Composer | Twig
ASP.NET | .NET | .NET Core | Entity Framework | Blazor | Xamarin | WPF | WinForms
Android | Android Studio | Jetpack Compose | Retrofit | Dagger | Dagger 2 | Butterknife
Picasso | Volley | RxJava | RxSwift | CocoaPods | Carthage | Fastlane
fastlane | Xcode | UIKit | Flutter | Ionic | Cordova
SQL | MySQL | PostgreSQL | Postgres | SQLite | MariaDB | Oracle | SQL Server | MSSQL
T-SQL | PL/SQL | MongoDB | Cassandra | Redis | Memcached | Couchbase | CouchDB | DynamoDB
Elasticsearch | ElasticSearch | Elastic Search | OpenSearch | Solr | Lucene | Neo4j
InfluxDB | TimescaleDB | ClickHouse | Snowflake | BigQuery | Redshift | Teradata | Vertica
Cosmos DB | Firebase | Firestore | Supabase | HBase | Presto | Trino | Druid | Pinot
Hadoop | HDFS | MapReduce | Spark | PySpark | Flink | Storm | Apache Beam | Kafka | Kafka Streams
RabbitMQ | ActiveMQ | ZeroMQ | NATS | Pulsar | Kinesis | MQTT | AMQP | JMS | Zookeeper
Airflow | Luigi | NiFi | Talend | Informatica | SSIS | dbt | Databricks | Tableau
Power BI | Looker | Metabase | Superset | Qlik | Grafana | Kibana | Prometheus | Logstash
Fluentd | Splunk | Datadog | New Relic | Dynatrace | DynaTrace | Sentry | Nagios | Zabbix
Jaeger | OpenTelemetry | PagerDuty | ELK | Graylog
AWS | Amazon Web Services | Azure | Microsoft Azure | GCP | Google Cloud
Google Cloud Platform | Heroku | DigitalOcean | Cloudflare | Vercel | Netlify | OpenStack
EC2 | S3 | Lambda | ECS | EKS | Fargate | CloudFormation | CloudWatch | Cloud Watch
CloudFront | Cloudfront | SQS | SNS | RDS | Aurora | IAM | VPC | Route 53 | API Gateway
Docker | Kubernetes | kubernetes | Helm | OpenShift | Rancher | HashiCorp Vault
Istio | Linkerd | Terraform | Pulumi | Ansible | Puppet | SaltStack
Vagrant | Jenkins | GitLab | GitLab CI | GitHub | GitHub Actions | CircleCI
Travis CI | TeamCity | Bamboo | Argo CD | ArgoCD | Spinnaker | Drone | Octopus Deploy
Git | git | SVN | Subversion | Mercurial | Bitbucket | BitBucket | Jira | JIRA | Confluence
Nginx | NGINX | Apache | HAProxy | Varnish | Traefik | Linux | Unix | UNIX | Ubuntu
Debian | CentOS | RHEL | Red Hat | Windows | Windows Server | macOS | MacOS | iOS | watchOS
tvOS | Yocto | FreeRTOS | Zephyr | Embedded Linux | Raspberry Pi | Arduino
Figma | Sketch | Adobe XD | InVision | Zeplin | Photoshop | Illustrator | Axure | Miro
Unreal Engine | Blender | OpenGL | Vulkan | DirectX | WebGL | Three.js | three.js
D3.js | Chart.js | Leaflet | Mapbox | PostGIS | QGIS | ArcGIS | GDAL
SAP | Salesforce | ServiceNow | Dynamics 365 | SharePoint | Power Apps | Excel
OAuth | OAuth2 | OpenID Connect | SAML | JWT | LDAP | Active Directory | Kerberos | TLS
SSL | SSH | DNS | TCP/IP | HTTP | HTTPS | BGP | OSPF | MPLS | VLAN | SNMP | VPN | IPv6
REST | SOAP | CI/CD | TDD | BDD | DDD | Scrum | Kanban | SAFe | ITIL | PRINCE2 | Prince 2
DevOps | DevSecOps | MLOps | GitOps | SRE | OOP | MVC | MVVM
"""

TECHNOLOGY_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(name.strip() for line in _NAMES.strip().splitlines() for name in line.split("|"))
)
"""The names, in file order, without repeats."""
