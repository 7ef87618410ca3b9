package io.oncesync.engine.rulebook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/** Batch-compiles DRL sources with Drools' KnowledgeBuilder and checks every rule declares a known stage. */
final class RuleCompiler {

    /** Drools' follow-on noise after a syntax error in the same file. */
    private static final String NULL_PACKAGE = "Parser returned a null Package";

    private RuleCompiler() {
    }

    /**
     * The class files of the engine's class path, read once per JVM. This, not a lock, is the fix for the
     * intermittent "(rules):0: could not read class": see {@link ClassBytes}. Compiles may run concurrently (a reload,
     * a validate and a dry run of the admin API while the workers decide): each has its own builder and class
     * loader, and the concurrent-compile test runs many at once.
     */
    private static final ClassBytes CLASS_PATH = new ClassBytes(RuleCompiler.class.getClassLoader());

    static CompileResult compile(List<RuleSource> sources) {
        return compile(sources, RuleCompiler.class.getClassLoader(), CLASS_PATH);
    }

    /** Compiles against {@code classes} (the types the DRL may use), reading their class files through {@code bytes}. */
    static CompileResult compile(List<RuleSource> sources, ClassLoader classes, ClassBytes bytes) {
        if (sources.isEmpty()) {
            return new CompileResult.Failed(List.of(new RuleProblem("(rules)", 0, "there are no DRL files")));
        }
        // A fresh project class loader per compile (it holds the classes the compile generates), reading class files
        // through the shared cache.
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(KnowledgeBuilderFactory
                .newKnowledgeBuilderConfiguration(null, ProjectClassLoader.createProjectClassLoader(classes, bytes)));
        CompositeKnowledgeBuilder batch = builder.batch();
        Map<String, String> texts = new LinkedHashMap<>();
        for (RuleSource s : sources) {
            Resource r = ResourceFactory.newByteArrayResource(s.text().getBytes(StandardCharsets.UTF_8));
            r.setSourcePath(s.name());
            batch.add(r, ResourceType.DRL);
            texts.put(s.name(), s.text());
        }
        try {
            batch.build();
        } catch (RuntimeException e) {
            // Drools throws on some malformed input instead of reporting it
            return new CompileResult.Failed(List.of(new RuleProblem("(rules)", 0, String.valueOf(e.getMessage()))));
        }
        if (builder.hasErrors()) {
            return new CompileResult.Failed(errors(builder));
        }
        // A decision holds a few dozen facts, so a join scans a handful of tuples: hash-indexing the beta memories
        // costs more (index upkeep, and clearing the tables when a pooled session is reset) than it saves
        // (measured: about 3-5 us CPU less per decision without it; golden traces unchanged).
        org.kie.api.KieBaseConfiguration conf = org.kie.api.KieServices.get().newKieBaseConfiguration(null, classes);
        conf.setOption(org.kie.internal.conf.IndexLeftBetaMemoryOption.NO);
        conf.setOption(org.kie.internal.conf.IndexRightBetaMemoryOption.NO);
        org.drools.kiesession.rulebase.InternalKnowledgeBase kieBase =
                org.drools.kiesession.rulebase.KnowledgeBaseFactory.newKnowledgeBase(conf);
        kieBase.addPackages(builder.getKnowledgePackages());
        List<RuleProblem> stageErrors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Map<String, String>> declared = declaredStages(texts);
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                checkStage((RuleImpl) rule, texts, declared, stageErrors);
                names.add(rule.getName());
            }
        }
        if (!stageErrors.isEmpty()) {
            return new CompileResult.Failed(stageErrors);
        }
        return new CompileResult.Compiled(new RuleBook(kieBase, names, List.copyOf(texts.keySet()), literals(texts.values())));
    }

    /** Every string literal in the DRL text: the property names rules may test IncomingValue facts against. */
    private static java.util.Set<String> literals(java.util.Collection<String> texts) {
        java.util.Set<String> out = new java.util.HashSet<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher("");
        for (String text : texts) {
            m.reset(text);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static List<RuleProblem> errors(KnowledgeBuilder builder) {
        List<RuleProblem> all = new ArrayList<>();
        for (KnowledgeBuilderError e : builder.getErrors()) {
            String file = e.getResource() == null || e.getResource().getSourcePath() == null
                    ? "(rules)" : e.getResource().getSourcePath();
            int line = e.getLines() == null || e.getLines().length == 0 ? 0 : e.getLines()[0];
            all.add(new RuleProblem(file, Math.max(line, 0), e.getMessage().strip()));
        }
        List<RuleProblem> useful = all.stream().filter(e -> !e.message().contains(NULL_PACKAGE)).toList();
        return useful.isEmpty() ? all : useful;
    }

    /**
     * Per file, the stage each rule declares: its own {@code ruleflow-group} (or {@code agenda-group}), else the one
     * its file declares once after the imports, else null. Drools applies a file-level declaration to every rule of
     * the same DRL package that has none, in whichever other file (the last one built wins), so a file that forgot
     * its own would silently take another file's stage: the check below makes that a compile error instead.
     */
    private static Map<String, Map<String, String>> declaredStages(Map<String, String> texts) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : texts.entrySet()) {
            PackageDescr pkg;
            try {
                pkg = new DrlParser().parse(false, file.getValue());
            } catch (DroolsParserException | RuntimeException e) {
                continue;   // the build already reported it
            }
            if (pkg == null) {
                continue;
            }
            String fileStage = stageOf(pkg.getAttribute("ruleflow-group"), pkg.getAttribute("agenda-group"));
            Map<String, String> rules = new LinkedHashMap<>();
            for (RuleDescr rule : pkg.getRules()) {
                String own = stageOf(rule.getAttributes().get("ruleflow-group"), rule.getAttributes().get("agenda-group"));
                rules.put(rule.getName(), own != null ? own : fileStage);
            }
            out.put(file.getKey(), rules);
        }
        return out;
    }

    private static String stageOf(AttributeDescr ruleflowGroup, AttributeDescr agendaGroup) {
        AttributeDescr a = ruleflowGroup != null ? ruleflowGroup : agendaGroup;
        return a == null ? null : a.getValue();
    }

    private static void checkStage(RuleImpl rule, Map<String, String> texts, Map<String, Map<String, String>> declared,
                                   List<RuleProblem> out) {
        String file = rule.getResource() == null ? "(rules)" : rule.getResource().getSourcePath();
        Map<String, String> stages = declared.get(file);
        if (stages != null && stages.containsKey(rule.getName()) && stages.get(rule.getName()) == null) {
            out.add(new RuleProblem(file, lineOf(texts.get(file), rule.getName()), "rule \"" + rule.getName()
                    + "\" has no stage; declare the file's once after its imports (ruleflow-group \"<stage>\") or give"
                    + " the rule its own, one of " + RuleBook.STAGES));
            return;
        }
        String group = rule.getRuleFlowGroup();
        if (group == null || group.isEmpty() || "MAIN".equals(group)) {
            group = rule.getAgendaGroup();
        }
        if (!RuleBook.STAGES.contains(group)) {
            out.add(new RuleProblem(file, lineOf(texts.get(file), rule.getName()), "rule \"" + rule.getName()
                    + "\" is in stage \"" + group + "\"; give it a ruleflow-group, one of " + RuleBook.STAGES));
        }
    }

    private static int lineOf(String text, String ruleName) {
        if (text == null) {
            return 0;
        }
        Matcher m = Pattern.compile("^[ \\t]*rule\\s+[\"']" + Pattern.quote(ruleName) + "[\"']", Pattern.MULTILINE).matcher(text);
        return m.find() ? (int) text.substring(0, m.start()).lines().count() + 1 : 0;
    }
}
