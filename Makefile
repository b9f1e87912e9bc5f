# nexus-costs: thin targets over Maven and the JAR.
JAR := target/nexus-costs.jar
JAVA_FLAGS := -Dchronicle.analytics.disable=true
ARGS ?=
# The JVM flags Chronicle Map needs, as the pom lists them for Surefire and the JAR manifest.
CHRONICLE_FLAGS := $(shell sed -n 's:.*<chronicle.jvmArgs>\(.*\)</chronicle.jvmArgs>.*:\1:p' pom.xml)

.PHONY: help build run test replay bench load clean

help: ## Show the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## Build the executable JAR (tests skipped)
	mvn -q -DskipTests package

$(JAR): pom.xml $(shell find src/main sql -type f)
	mvn -q -DskipTests package

run: $(JAR) ## Build and start the service (embedded PostgreSQL unless NEXUS_DB_URL is set)
	java $(JAVA_FLAGS) -jar $(JAR)

test: ## Run every test against a real PostgreSQL
	mvn -B test

replay: $(JAR) ## Replay the Azure LLM trace against the running service (flags in ARGS)
	java $(JAVA_FLAGS) -jar $(JAR) replay $(ARGS)

bench: ## Run the JMH benchmarks of the hot path (JMH options in ARGS, e.g. ARGS="-f 1 -wi 2 -i 3 Journal")
	mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
	java $(JAVA_FLAGS) $(CHRONICLE_FLAGS) \
		-cp target/test-classes:target/classes:$$(cat target/test-classpath.txt) \
		org.openjdk.jmh.Main $(ARGS)

load: ## Post batches of 1,000 events to a running service, print events/s (ARGS: url= token= batches= threads=)
	mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
	java -cp target/test-classes:target/classes:$$(cat target/test-classpath.txt) \
		dev.nexus.costs.bench.LoadGenerator $(ARGS)

clean: ## Remove build output (keeps ./data)
	mvn -q clean
