package uk.clubreg.app;

import uk.clubreg.jobs.Deadline;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;

/** Hands each job to its handler; the switch is exhaustive, so a new job type cannot go unhandled. */
final class JobRunner implements JobHandler<Job> {

    private final JobHandler<Job.SendInvitation> sendInvitation;
    private final JobHandler<Job.InboundMessage> inboundMessage;
    private final JobHandler<Job.ResendAsTemplate> resendAsTemplate;
    private final JobHandler<Job.SendReminder> sendReminder;
    private final JobHandler<Job.HandOffNotice> handOffNotice;
    private final JobHandler<Job.ResumeConversation> resumeConversation;
    private final JobHandler<Job.CompletionNotice> completionNotice;
    private final JobHandler<Job.TeamSummary> teamSummary;
    private final JobHandler<Job.DeleteProcessorCopies> deleteProcessorCopies;
    private final JobHandler<Job.SendSignInCode> signInCode;
    private final JobHandler<Job.FallbackWebhook> fallbackWebhook;

    JobRunner(JobHandler<Job.SendInvitation> sendInvitation, JobHandler<Job.InboundMessage> inboundMessage,
              JobHandler<Job.ResendAsTemplate> resendAsTemplate, JobHandler<Job.SendReminder> sendReminder,
              JobHandler<Job.HandOffNotice> handOffNotice, JobHandler<Job.ResumeConversation> resumeConversation,
              JobHandler<Job.CompletionNotice> completionNotice, JobHandler<Job.TeamSummary> teamSummary,
              JobHandler<Job.DeleteProcessorCopies> deleteProcessorCopies,
              JobHandler<Job.SendSignInCode> signInCode,
              JobHandler<Job.FallbackWebhook> fallbackWebhook) {
        this.sendInvitation = sendInvitation;
        this.inboundMessage = inboundMessage;
        this.resendAsTemplate = resendAsTemplate;
        this.sendReminder = sendReminder;
        this.handOffNotice = handOffNotice;
        this.resumeConversation = resumeConversation;
        this.completionNotice = completionNotice;
        this.teamSummary = teamSummary;
        this.deleteProcessorCopies = deleteProcessorCopies;
        this.signInCode = signInCode;
        this.fallbackWebhook = fallbackWebhook;
    }

    @Override
    public void handle(Job job) {
        handle(job, Deadline.NONE);
    }

    @Override
    public void handle(Job job, Deadline deadline) {
        switch (job) {
            case Job.SendInvitation send -> sendInvitation.handle(send, deadline);
            case Job.InboundMessage inbound -> inboundMessage.handle(inbound, deadline);
            case Job.ResendAsTemplate resend -> resendAsTemplate.handle(resend, deadline);
            case Job.SendReminder reminder -> sendReminder.handle(reminder, deadline);
            case Job.HandOffNotice notice -> handOffNotice.handle(notice, deadline);
            case Job.ResumeConversation resume -> resumeConversation.handle(resume, deadline);
            case Job.CompletionNotice completed -> completionNotice.handle(completed, deadline);
            case Job.TeamSummary summary -> teamSummary.handle(summary, deadline);
            case Job.DeleteProcessorCopies copies -> deleteProcessorCopies.handle(copies, deadline);
            case Job.SendSignInCode code -> signInCode.handle(code, deadline);
            case Job.FallbackWebhook fallback -> fallbackWebhook.handle(fallback, deadline);
        }
    }
}
