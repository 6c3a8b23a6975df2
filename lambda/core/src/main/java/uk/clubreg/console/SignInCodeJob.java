package uk.clubreg.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.SignInCodes;

/**
 * send_sign_in_code: sends the code to a team manager or club admin; for any other number nothing is sent. Either
 * way the sealed code is then forgotten, leaving only its hash. A retried job finds it already forgotten.
 */
final class SignInCodeJob implements JobHandler<Job.SendSignInCode> {

    private static final Logger LOG = LoggerFactory.getLogger(SignInCodeJob.class);

    private final ConsoleRepository repository;
    private final ConsoleKeys keys;
    private final Access access;
    private final SignInCodes codes;

    SignInCodeJob(ConsoleRepository repository, ConsoleKeys keys, Access access, SignInCodes codes) {
        this.repository = repository;
        this.keys = keys;
        this.access = access;
        this.codes = codes;
    }

    @Override
    public void handle(Job.SendSignInCode job) {
        repository.codeToSend(job.codeId()).ifPresent(toSend -> {
            boolean known = access.maySignIn(toSend.phone());
            if (known) {
                codes.send(toSend.phone(), keys.unseal(toSend.sealedCode()), job.deduplicationId(),
                        (int) SignIn.CODE_LIFETIME.toMinutes());
            }
            repository.forgetSealedCode(job.codeId());
            LOG.atInfo().addKeyValue("code_id", job.codeId()).addKeyValue("sent", known).log("Sign-in code handled");
        });
    }
}
